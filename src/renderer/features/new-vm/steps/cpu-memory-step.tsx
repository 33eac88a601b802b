import { useMemo } from 'react';
import { formatBytes } from '../../details/format.js';
import { MiB } from '../byte-units.js';
import { memoryWarning } from '../memory-fit.js';
import { limitsFor } from '../new-vm-validation.js';
import { NumberField } from '../number-field.js';
import type { StepProps } from './step-props.js';

/** CPU & Memory: vCPUs and memory within the template's limits (memory in MiB, as XAPI counts it exactly). */
export function CpuMemoryStep({ choices, mirror, problems, update }: StepProps) {
  const limits = useMemo(() => limitsFor(mirror, choices), [mirror, choices]);
  const warning = useMemo(() => memoryWarning(mirror, choices), [mirror, choices]);
  if (!limits) return null;
  const toMiB = (bytes: number) => (Number.isFinite(bytes) ? Math.round(bytes / MiB) : Number.NaN);
  return (
    <div className="cpu-memory-step">
      <NumberField label="vCPUs:" problem={problems.get('vcpus')} value={choices.vcpus} min={1} max={limits.maxVcpus} step={1} onValue={(vcpus) => update((current) => ({ ...current, vcpus }))} />
      <p className="dialog-note indented">Up to {limits.maxVcpus} vCPUs for this template.</p>
      <NumberField
        label="Memory:"
        problem={problems.get('memory')}
        unit="MiB"
        value={toMiB(choices.memoryBytes)}
        min={Math.ceil(limits.minMemoryBytes / MiB)}
        max={Math.floor(limits.maxMemoryBytes / MiB)}
        step={256}
        onValue={(value) =>
          update((current) => {
            const memoryBytes = value * MiB;
            // Without ballooning chosen (dynamic min = memory), the minimum follows the memory.
            const dynamicMinBytes = current.dynamicMinBytes === current.memoryBytes ? memoryBytes : current.dynamicMinBytes;
            return { ...current, memoryBytes, dynamicMinBytes };
          })
        }
      />
      <NumberField
        label="Dynamic minimum:"
        problem={problems.get('dynamicMin')}
        unit="MiB"
        value={toMiB(choices.dynamicMinBytes)}
        min={Math.ceil(limits.minMemoryBytes / MiB)}
        max={toMiB(choices.memoryBytes)}
        step={256}
        onValue={(value) => update((current) => ({ ...current, dynamicMinBytes: value * MiB }))}
      />
      <p className="dialog-note indented">
        Between {formatBytes(limits.minMemoryBytes)} and {formatBytes(limits.maxMemoryBytes)}. Under memory pressure the pool may reclaim memory down to the
        dynamic minimum.
      </p>
      {warning && (
        <p className="dialog-warning" role="note">
          {warning}
        </p>
      )}
    </div>
  );
}
