import type { MethodInput } from '../../../shared/api/contract.js';
import type { VmssTiming, VmssType } from '../../../shared/api/methods/vmss.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { timingOf } from './vmss-facts.js';

/** What the schedule editor holds while a person edits. */
export interface ScheduleDraft {
  readonly name: string;
  readonly description: string;
  readonly type: VmssType;
  readonly timing: VmssTiming;
  readonly retention: number;
  readonly vmIds: ReadonlySet<string>;
}

/** XenCenter's defaults for a new schedule: disks only, daily at midnight, keep 7. */
export function newScheduleDraft(vmIds: readonly string[] = []): ScheduleDraft {
  return { name: '', description: '', type: 'snapshot', timing: { frequency: 'daily', hour: 0, minute: 0, days: [] }, retention: 7, vmIds: new Set(vmIds) };
}

export function draftOf(vmss: XapiRecord<'VMSS'>): ScheduleDraft {
  return { name: vmss.name_label, description: vmss.name_description, type: vmss.type, timing: timingOf(vmss), retention: vmss.retained_snapshots, vmIds: new Set(vmss.VMs) };
}

/** Why the draft cannot be saved, or null. */
export function draftProblem(draft: ScheduleDraft): string | null {
  if (draft.name.trim() === '') return 'Enter a name';
  if (draft.timing.frequency === 'weekly' && draft.timing.days.length === 0) return 'Choose at least one day';
  if (!Number.isInteger(draft.retention) || draft.retention < 1 || draft.retention > 10) return 'Keep between 1 and 10 snapshots';
  return null;
}

const sameTiming = (a: VmssTiming, b: VmssTiming) =>
  a.frequency === b.frequency && a.minute === b.minute && (a.frequency === 'hourly' || a.hour === b.hour) && (a.frequency !== 'weekly' || a.days.join() === b.days.join());

/** vmss.create's input for a new schedule in `poolId`. */
export function createInput(poolId: string, draft: ScheduleDraft): MethodInput<'vmss.create'> {
  return { poolId, name: draft.name.trim(), description: draft.description, type: draft.type, timing: draft.timing, retention: draft.retention, vmIds: [...draft.vmIds] };
}

/** vmss.edit's input: only what differs from the schedule as it is. */
export function editInput(vmss: XapiRecord<'VMSS'>, draft: ScheduleDraft): MethodInput<'vmss.edit'> {
  const before = draftOf(vmss);
  const sameVms = before.vmIds.size === draft.vmIds.size && [...draft.vmIds].every((id) => before.vmIds.has(id));
  return {
    vmssId: vmss.$id,
    ...(draft.name.trim() !== before.name ? { name: draft.name.trim() } : {}),
    ...(draft.description !== before.description ? { description: draft.description } : {}),
    ...(draft.type !== before.type ? { type: draft.type } : {}),
    ...(!sameTiming(draft.timing, before.timing) ? { timing: draft.timing } : {}),
    ...(draft.retention !== before.retention ? { retention: draft.retention } : {}),
    ...(!sameVms ? { vmIds: [...draft.vmIds] } : {}),
  };
}
