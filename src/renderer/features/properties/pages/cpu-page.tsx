import type { XapiRecord } from '../../../../shared/xapi/objects.js';
import { topologies, type VmDraft } from '../draft-vm.js';
import { problemOf } from '../properties-draft.js';
import { NumberBox, PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

/** XenCenter's CPU priority: the scheduler weight is 4 to the power of the slider's position, Normal being 256. */
const priorities = [
  { weight: 16, label: 'Lowest' },
  { weight: 64, label: 'Low' },
  { weight: 256, label: 'Normal' },
  { weight: 1024, label: 'High' },
  { weight: 4096, label: 'Highest' },
] as const;

/** "2 sockets with 4 cores each". */
function topologyText(sockets: number, cores: number): string {
  return `${sockets} socket${sockets === 1 ? '' : 's'} with ${cores} core${cores === 1 ? '' : 's'} each`;
}

/**
 * CPU: the maximum vCPUs and how many the VM starts with (a running VM keeps its maximum; its count changes live),
 * the topology the guest sees, and the scheduler priority.
 */
export function CpuPage({ draft, update, problems, object, saving }: PageProps<VmDraft, XapiRecord<'VM'>>) {
  const halted = object.power_state === 'Halted';
  const shapes = topologies(draft.vcpusMax);
  const known = priorities.some((priority) => priority.weight === draft.vcpuWeight);
  return (
    <>
      {!halted && <p className="dialog-note">The VM is {object.power_state.toLowerCase()}: its maximum number of vCPUs, topology and priority can change only while it is shut down.</p>}
      <PageField label="Maximum vCPUs" problem={problemOf(problems, 'cpu', 'vcpusMax')}>
        {(ids) => <NumberBox ids={ids} value={draft.vcpusMax} min={1} max={512} step={1} disabled={saving || !halted} onValue={(vcpusMax) => update({ vcpusMax })} />}
      </PageField>
      <PageField label={halted ? 'vCPUs at startup' : 'Current vCPUs'} problem={problemOf(problems, 'cpu', 'vcpusAtStartup')}>
        {(ids) => <NumberBox ids={ids} value={draft.vcpusAtStartup} min={1} max={Number.isFinite(draft.vcpusMax) ? draft.vcpusMax : 512} step={1} disabled={saving} onValue={(vcpusAtStartup) => update({ vcpusAtStartup })} />}
      </PageField>
      <PageField label="Topology" problem={problemOf(problems, 'cpu', 'coresPerSocket')}>
        {(ids) => (
          <select id={ids.id} value={draft.coresPerSocket} disabled={saving || !halted || shapes.length === 0} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(event) => update({ coresPerSocket: Number(event.target.value) })}>
            {!shapes.some((shape) => shape.coresPerSocket === draft.coresPerSocket) && <option value={draft.coresPerSocket}>{draft.coresPerSocket} cores per socket</option>}
            {shapes.map((shape) => (
              <option key={shape.coresPerSocket} value={shape.coresPerSocket}>
                {topologyText(shape.sockets, shape.coresPerSocket)}
              </option>
            ))}
          </select>
        )}
      </PageField>
      <PageField label="Priority" note="The share of CPU time this VM gets when the server is busy.">
        {(ids) => (
          <select id={ids.id} value={draft.vcpuWeight} disabled={saving || !halted} aria-describedby={ids.describedBy} onChange={(event) => update({ vcpuWeight: Number(event.target.value) })}>
            {!known && <option value={draft.vcpuWeight}>Custom (weight {draft.vcpuWeight})</option>}
            {priorities.map((priority) => (
              <option key={priority.weight} value={priority.weight}>
                {priority.label}
              </option>
            ))}
          </select>
        )}
      </PageField>
    </>
  );
}
