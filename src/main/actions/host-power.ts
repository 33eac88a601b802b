import type { HostGuestsChoice, HostPowerOperation } from '../../shared/api/methods/hosts.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobControl } from '../jobs/job-registry.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

const titles: Record<HostPowerOperation, (name: string) => string> = {
  reboot: (name) => `Rebooting server ${name}`,
  shutdown: (name) => `Shutting down server ${name}`,
  disable: (name) => `Disabling server ${name}`,
  enable: (name) => `Enabling server ${name}`,
};

/** Guest VMs running (or paused) on a host now. */
export function runningGuests(deps: ActionDeps, hostId: string): XapiRecord<'VM'>[] {
  return deps.mirror.referrers('VM.resident_on', hostId).filter((vm) => vm.is_control_domain !== true && (vm.power_state === 'Running' || vm.power_state === 'Paused'));
}

/**
 * Reboot and shut down need the host disabled and empty (XAPI: HOST_NOT_DISABLED, HOST_IN_USE). As XenCenter does,
 * Xenith disables the host first, then empties it the way the person chose — migrating its VMs away (XAPI's
 * evacuate) or shutting them down cleanly — and enables it again if any of this fails. Without a choice, VMs still
 * running are named in the error rather than stopped behind the person's back.
 */
async function goDown(deps: ActionDeps, xapi: JobXapi, job: JobControl, host: XapiRecord<'host'>, operation: 'reboot' | 'shutdown', choice: HostGuestsChoice | undefined): Promise<void> {
  const guests = runningGuests(deps, host.$id);
  if (guests.length > 0 && !choice) {
    const names = guests.slice(0, 5).map((vm) => quoted(vm)).join(', ') + (guests.length > 5 ? ', …' : '');
    const verb = operation === 'reboot' ? 'rebooted' : 'shut down';
    throw new ApiFailure('HOST_IN_USE', `${guests.length} VM(s) still run on server ${quoted(host)} (${names}), so it cannot be ${verb}. Shut them down or enter maintenance mode first.`, { params: [host.$id, 'VM', guests[0]!.$id] });
  }
  const emptying = guests.length > 0 ? 0.6 : 0;
  const disabledHere = host.enabled !== false;
  if (disabledHere) await xapi.task('host.disable', [host.$id], [0, 0.1]);
  try {
    if (guests.length > 0 && choice === 'migrate') await xapi.task('host.evacuate', [host.$id], [0.1, 0.1 + emptying]);
    if (guests.length > 0 && choice === 'shutdown') {
      for (const [i, vm] of guests.entries()) {
        job.throwIfCancelled();
        const step = emptying / guests.length;
        // A paused guest cannot shut itself down cleanly: it is stopped as XenCenter stops it, hard.
        const how = vm.power_state === 'Paused' ? 'VM.hard_shutdown' : 'VM.clean_shutdown';
        await xapi.task(how, [vm.$id], [0.1 + i * step, 0.1 + (i + 1) * step]);
      }
    }
    await xapi.task(`host.${operation}`, [host.$id], [0.1 + emptying, 1]);
  } catch (error) {
    if (disabledHere) await xapi.task('host.enable', [host.$id]).catch(() => {});
    throw error;
  }
}

/** host.power: one job per server; `guests` says what happens to running VMs before a reboot or shut down. */
export function runHostPower(deps: ActionDeps, hostIds: readonly string[], operation: HostPowerOperation, guests?: HostGuestsChoice): string[] {
  const hosts = hostIds.map((id) => findObject(deps.mirror, id, 'host'));
  return hosts.map((host) =>
    startPoolJob(deps, { poolId: host.$pool, title: titles[operation](quoted(host)), action: `host.${operation}`, objectIds: [host.$id], cancellable: false }, async (xapi, job) => {
      if (operation === 'reboot' || operation === 'shutdown') await goDown(deps, xapi, job, host, operation, guests);
      else await xapi.task(`host.${operation}`, [host.$id]);
    }),
  );
}
