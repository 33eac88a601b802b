import { XenithErrorCode } from '../../shared/api/errors.js';
import type { VmssTiming, VmssType } from '../../shared/api/methods/vmss.js';
import { nullRef, type XapiRecord } from '../../shared/xapi/objects.js';
import type { Xapi } from 'xen-api';
import { ApiFailure } from '../api/failure.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { callNow, findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** The XAPI `schedule` map of a timing (hourly: min; daily: hour, min; weekly: hour, min, days). */
export function scheduleMap(timing: VmssTiming): Record<string, string> {
  const min = String(timing.minute);
  if (timing.frequency === 'hourly') return { min };
  if (timing.frequency === 'daily') return { hour: String(timing.hour), min };
  return { hour: String(timing.hour), min, days: timing.days.join(',') };
}

/** VMs a schedule may take: guest VMs of its pool (not templates, snapshots or control domains). */
function scheduledVms(deps: ActionDeps, poolId: string, vmIds: readonly string[]): XapiRecord<'VM'>[] {
  return [...new Set(vmIds)].map((id) => {
    const vm = findObject(deps.mirror, id, 'VM');
    if (vm.$pool !== poolId) throw new ApiFailure(XenithErrorCode.validation, `${quoted(vm)} is in another pool than the schedule.`, { params: [id] });
    if (vm.is_a_template === true || vm.is_a_snapshot === true || vm.is_control_domain === true) {
      throw new ApiFailure(XenithErrorCode.validation, `${quoted(vm)} is not a VM a schedule can snapshot.`, { params: [id] });
    }
    return vm;
  });
}

/** Puts VMs on a schedule (or takes them off with the null ref), saying which one the pool refused. */
async function assign(deps: ActionDeps, client: Xapi, poolId: string, vms: readonly XapiRecord<'VM'>[], vmssRef: string): Promise<void> {
  for (const vm of vms) {
    try {
      await client.call('VM.set_snapshot_schedule', vm.$id, vmssRef);
    } catch (error) {
      const reason = describePoolError(error, poolId, mirrorNamer(deps.mirror));
      const what = vmssRef === nullRef ? 'taken off' : 'put on';
      throw new ApiFailure(reason.code, `VM ${quoted(vm)} could not be ${what} the schedule: ${reason.message}`, { params: reason.params ?? [], poolId });
    }
  }
}

export interface NewSchedule {
  poolId: string;
  name: string;
  description: string;
  enabled: boolean;
  type: VmssType;
  timing: VmssTiming;
  retention: number;
  vmIds: readonly string[];
}

/** vmss.create: VMSS.create with the checked fields, then each chosen VM put on it. */
export async function createSchedule(deps: ActionDeps, input: NewSchedule): Promise<string> {
  const vms = scheduledVms(deps, input.poolId, input.vmIds);
  return callNow(deps, input.poolId, async (client) => {
    const vmss = await client.call<string>('VMSS.create', {
      name_label: input.name,
      name_description: input.description,
      enabled: input.enabled,
      type: input.type,
      retained_snapshots: input.retention,
      frequency: input.timing.frequency,
      schedule: scheduleMap(input.timing),
    });
    await assign(deps, client, input.poolId, vms, vmss);
    return vmss;
  });
}

export interface ScheduleEdit {
  vmssId: string;
  name?: string | undefined;
  description?: string | undefined;
  type?: VmssType | undefined;
  timing?: VmssTiming | undefined;
  retention?: number | undefined;
  vmIds?: readonly string[] | undefined;
}

/**
 * vmss.edit: only the fields given, each with its setter (frequency before schedule, as XAPI re-fits the schedule
 * to a new frequency); `vmIds` is the new list: VMs leaving are taken off first, then new ones put on.
 */
export async function editSchedule(deps: ActionDeps, edit: ScheduleEdit): Promise<string[]> {
  const vmss = findObject(deps.mirror, edit.vmssId, 'VMSS');
  const wanted = edit.vmIds ? scheduledVms(deps, vmss.$pool, edit.vmIds) : null;
  return callNow(deps, vmss.$pool, async (client) => {
    const edited: string[] = [];
    const set = async (field: string, method: string, value: unknown) => {
      await client.call(`VMSS.${method}`, vmss.$id, value);
      edited.push(field);
    };
    if (edit.name !== undefined) await set('name', 'set_name_label', edit.name);
    if (edit.description !== undefined) await set('description', 'set_name_description', edit.description);
    if (edit.timing !== undefined) {
      await client.call('VMSS.set_frequency', vmss.$id, edit.timing.frequency);
      await set('timing', 'set_schedule', scheduleMap(edit.timing));
    }
    if (edit.retention !== undefined) await set('retention', 'set_retained_snapshots', edit.retention);
    if (wanted) {
      const current = (await client.call<string[]>('VMSS.get_VMs', vmss.$id)).map((id) => deps.mirror.get(id, 'VM')).filter((vm): vm is XapiRecord<'VM'> => vm !== undefined);
      const keep = new Set(wanted.map((vm) => vm.$id));
      await assign(deps, client, vmss.$pool, current.filter((vm) => !keep.has(vm.$id)), nullRef);
      const had = new Set(current.map((vm) => vm.$id));
      await assign(deps, client, vmss.$pool, wanted.filter((vm) => !had.has(vm.$id)), vmss.$id);
      edited.push('vms');
    }
    // The type last: XAPI checks it against the VMs now on the schedule (a running VM for disk and memory).
    if (edit.type !== undefined) await set('type', 'set_type', edit.type);
    return edited;
  });
}

/** vmss.setEnabled */
export async function setSchedulesEnabled(deps: ActionDeps, vmssIds: readonly string[], enabled: boolean): Promise<string[]> {
  const schedules = vmssIds.map((id) => findObject(deps.mirror, id, 'VMSS'));
  for (const vmss of schedules) await callNow(deps, vmss.$pool, (client) => client.call('VMSS.set_enabled', vmss.$id, enabled));
  return schedules.map((vmss) => vmss.$id);
}

/** vmss.delete: XAPI refuses to destroy a schedule with VMs (VMSS_HAS_VM), so they are taken off it first. */
export async function deleteSchedules(deps: ActionDeps, vmssIds: readonly string[]): Promise<string[]> {
  const schedules = vmssIds.map((id) => findObject(deps.mirror, id, 'VMSS'));
  for (const vmss of schedules) {
    await callNow(deps, vmss.$pool, async (client) => {
      const vms = await client.call<string[]>('VMSS.get_VMs', vmss.$id);
      for (const vm of vms) await client.call('VM.set_snapshot_schedule', vm, nullRef);
      await client.call('VMSS.destroy', vmss.$id);
    });
  }
  return schedules.map((vmss) => vmss.$id);
}

/** vmss.snapshotNow: runs the schedule now (VMSS.snapshot_now has no Async form; the job waits for the call). */
export function runScheduleNow(deps: ActionDeps, vmssId: string): string {
  const vmss = findObject(deps.mirror, vmssId, 'VMSS');
  return startPoolJob(deps, { poolId: vmss.$pool, title: `Running snapshot schedule ${quoted(vmss)}`, action: 'vmss.snapshotNow', objectIds: [vmss.$id], cancellable: false }, async (xapi) => {
    await xapi.call('VMSS.snapshot_now', vmss.$id);
  });
}
