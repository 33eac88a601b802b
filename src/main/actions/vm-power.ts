import type { VmPowerOperation } from '../../shared/api/methods/vm.js';
import { assertSamePool, findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** Each operation's XAPI arguments after the VM, and its task panel title (XenCenter's wording). */
const operations: Record<VmPowerOperation, { args: readonly unknown[]; title: (name: string) => string }> = {
  start: { args: [false, false], title: (name) => `Starting VM ${name}` },
  clean_shutdown: { args: [], title: (name) => `Shutting down VM ${name}` },
  clean_reboot: { args: [], title: (name) => `Rebooting VM ${name}` },
  hard_shutdown: { args: [], title: (name) => `Forcing shutdown of VM ${name}` },
  hard_reboot: { args: [], title: (name) => `Forcing reboot of VM ${name}` },
  suspend: { args: [], title: (name) => `Suspending VM ${name}` },
  resume: { args: [false, false], title: (name) => `Resuming VM ${name}` },
  pause: { args: [], title: (name) => `Pausing VM ${name}` },
  unpause: { args: [], title: (name) => `Unpausing VM ${name}` },
};

/** vm.power: one job per VM; every VM is looked up first, so an unknown one fails the call before any job starts. */
export function runVmPower(deps: ActionDeps, vmIds: readonly string[], operation: VmPowerOperation): string[] {
  const vms = vmIds.map((id) => findObject(deps.mirror, id, 'VM'));
  const { args, title } = operations[operation];
  return vms.map((vm) =>
    startPoolJob(deps, { poolId: vm.$pool, title: title(quoted(vm)), action: `vm.${operation}`, objectIds: [vm.$id], cancellable: true }, async (xapi) => {
      await xapi.task(`VM.${operation}`, [vm.$id, ...args]);
    }),
  );
}

/** vm.startOn: starts a halted VM on the chosen server of its pool. */
export function runVmStartOn(deps: ActionDeps, vmId: string, hostId: string): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const host = findObject(deps.mirror, hostId, 'host');
  assertSamePool(vm, host);
  return startPoolJob(deps, { poolId: vm.$pool, title: `Starting VM ${quoted(vm)} on ${quoted(host)}`, action: 'vm.startOn', objectIds: [vm.$id, host.$id], cancellable: true }, async (xapi) => {
    await xapi.task('VM.start_on', [vm.$id, host.$id, false, false]);
  });
}
