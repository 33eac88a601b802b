import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';

/** The console a person means when they open the Console tab of a VM or a host. */
export interface ConsoleTarget {
  poolId: string;
  objectId: string;
  console: LooseXapiObject;
  /** The VM whose console it is (a host's console is its control domain's). */
  vm: LooseXapiObject;
}

function consolesOf(mirror: ObjectMirror, vmRef: string): LooseXapiObject[] {
  return [...mirror.index.lookup('console.VM', vmRef)].map((id) => mirror.get(id)).filter((c): c is LooseXapiObject => c !== undefined);
}

/**
 * Finds the console to open: a running VM's RFB console, or for a host its control domain's console
 * (RFB when there is one, else the vt100 text console).
 */
export function findConsoleTarget(mirror: ObjectMirror, objectId: string): ConsoleTarget {
  const object = mirror.get(objectId);
  if (!object) throw new ApiFailure('HANDLE_INVALID', 'This object no longer exists in any connected pool.', { params: [objectId] });
  let vm = object;
  if (object.$type === 'host') {
    const dom0 = [...mirror.index.lookup('VM.resident_on', object.$id)].map((id) => mirror.get(id)).find((candidate) => candidate?.is_control_domain === true);
    if (!dom0) throw new ApiFailure('NO_CONSOLE', 'This host has no console available (its control domain is not known).', { poolId: object.$pool });
    vm = dom0;
  } else if (object.$type !== 'VM') {
    throw new ApiFailure('NO_CONSOLE', `A ${object.$type} has no console.`, { poolId: object.$pool });
  }
  if (vm.power_state !== 'Running') {
    throw new ApiFailure('VM_NOT_RUNNING', `${String(vm.name_label)} is not running, so it has no console. Start it first.`, { poolId: vm.$pool, params: [vm.$id, String(vm.power_state)] });
  }
  const consoles = consolesOf(mirror, vm.$id);
  const console = consoles.find((c) => c.protocol === 'rfb') ?? consoles.find((c) => c.protocol === 'vt100');
  if (!console) throw new ApiFailure('NO_CONSOLE', `${String(vm.name_label)} has no console yet. Try again in a moment.`, { poolId: vm.$pool });
  return { poolId: vm.$pool, objectId, console, vm };
}
