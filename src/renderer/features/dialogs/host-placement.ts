import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { nameOf } from '../../store/mirror-read.js';

export type Placement = MethodOutput<'vm.placement'>;

/** One server in the Start on Server / Migrate list. */
export interface HostOption {
  readonly hostId: string;
  readonly name: string;
  readonly canTake: boolean;
  /** Why it cannot (XAPI's code and sentence), when it cannot for a reason other than being the current server. */
  readonly reason: ApiError | null;
  /** Every VM to migrate already runs there. */
  readonly current: boolean;
}

/**
 * Merges each VM's placement into one answer per server: a server can take the selection when it can take every
 * VM not already on it. For several VMs the reason names the VM it is about.
 */
export function hostOptions(hosts: readonly XapiRecord<'host'>[], vms: readonly XapiRecord<'VM'>[], placements: ReadonlyMap<string, Placement>, migrating: boolean): HostOption[] {
  return hosts.map((host) => {
    const name = nameOf(host);
    const moving = migrating ? vms.filter((vm) => vm.resident_on !== host.$id) : vms;
    if (moving.length === 0) return { hostId: host.$id, name, canTake: false, reason: null, current: true };
    for (const vm of moving) {
      const answer = placements.get(vm.$id)?.find((entry) => entry.hostId === host.$id);
      if (answer?.canRun) continue;
      const reason = answer?.reason ?? { code: 'UNKNOWN_HOST_PLACEMENT', message: 'Xenith could not check whether this server can run the VM.' };
      const about = vms.length > 1 ? { ...reason, message: `${nameOf(vm)}: ${reason.message}` } : reason;
      return { hostId: host.$id, name, canTake: false, reason: about, current: false };
    }
    return { hostId: host.$id, name, canTake: true, reason: null, current: false };
  });
}

/** The server to preselect: the one asked for (drag and drop) when it can take the VMs, else the first that can. */
export function preselectedHost(options: readonly HostOption[], wanted: string | undefined): string | null {
  const asked = options.find((option) => option.hostId === wanted);
  if (asked) return asked.canTake ? asked.hostId : null;
  return options.find((option) => option.canTake)?.hostId ?? null;
}
