import { useId } from 'react';
import { FieldProblemText, invalidProps } from '../new-vm/field-problem.js';
import type { DiskSrChoice } from './pool-resources.js';

interface SrSelectProps {
  label: string;
  value: string;
  choices: readonly DiskSrChoice[];
  onChange(srId: string): void;
  /** A first entry that is not an SR ("Each disk on its current SR", "(choose an SR)"). */
  extra?: { value: string; label: string };
  disabled?: boolean;
  /** What is wrong with the choice, shown beside it. */
  problem?: string | undefined;
}

/** A labelled chooser of the SRs that can hold disks (Copy VM, the New VM wizard's disks). */
export function SrSelect({ label, value, choices, onChange, extra, disabled, problem }: SrSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} {...invalidProps(`${id}-problem`, problem)}>
        {extra && <option value={extra.value}>{extra.label}</option>}
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}
