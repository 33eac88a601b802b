import { isOfType, nameOf, type XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';

/** The console a person means when they open the Console tab of a VM or a host. */
export interface ConsoleTarget {
  poolId: string;
  objectId: string;
  console: XapiRecord<'console'>;
  /** The VM whose console it is (a host's console is its control domain's). */
  vm: XapiRecord<'VM'>;
}

/**
 * Finds the console to open: a running VM's RFB console, or for a host its control domain's console
 * (RFB when there is one, else the vt100 text console).
 */
export function findConsoleTarget(mirror: ObjectMirror, objectId: string): ConsoleTarget {
  const object = mirror.object(objectId);
  if (!object) throw new ApiFailure('HANDLE_INVALID', 'This object no longer exists in any connected pool.', { params: [objectId] });
  let vm: XapiRecord<'VM'>;
  if (isOfType(object, 'host')) {
    const dom0 = mirror.referrers('VM.resident_on', object.$id).find((candidate) => candidate.is_control_domain === true);
    if (!dom0) throw new ApiFailure('NO_CONSOLE', 'This host has no console available (its control domain is not known).', { poolId: object.$pool });
    vm = dom0;
  } else if (isOfType(object, 'VM')) {
    vm = object;
  } else {
    throw new ApiFailure('NO_CONSOLE', `A ${object.$type} has no console.`, { poolId: object.$pool });
  }
  if (vm.power_state !== 'Running') {
    throw new ApiFailure('VM_NOT_RUNNING', `${nameOf(vm)} is not running, so it has no console. Start it first.`, { poolId: vm.$pool, params: [vm.$id, vm.power_state] });
  }
  const consoles = mirror.referrers('console.VM', vm.$id);
  const console = consoles.find((c) => c.protocol === 'rfb') ?? consoles.find((c) => c.protocol === 'vt100');
  if (!console) throw new ApiFailure('NO_CONSOLE', `${nameOf(vm)} has no console yet. Try again in a moment.`, { poolId: vm.$pool });
  return { poolId: vm.$pool, objectId, console, vm };
}
