import { useMemo } from 'react';
import { memoryWarning } from '../memory-fit.js';
import { summaryRows } from '../new-vm-request.js';
import type { StepProps } from './step-props.js';

/** Finish: every choice in one summary, and whether to start the VM once it is made. */
export function FinishStep({ choices, mirror, update }: StepProps) {
  const rows = useMemo(() => summaryRows(mirror, choices), [mirror, choices]);
  const warning = useMemo(() => memoryWarning(mirror, choices), [mirror, choices]);
  return (
    <div className="finish-step">
      <p className="dialog-note">Xenith has all it needs to create the VM. Check the choices, then select Create Now.</p>
      <dl className="summary" aria-label="Summary">
        {rows.map((row) => (
          <div key={row.label} className="summary-row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <label className="check">
        <input type="checkbox" checked={choices.start} onChange={(event) => {
          const start = event.target.checked;
          update((current) => ({ ...current, start }));
        }} />
        Start the new VM automatically
      </label>
      {warning && choices.start && (
        <p className="dialog-warning" role="note">
          {warning}
        </p>
      )}
    </div>
  );
}
