import type { ActionDeps } from '../actions/action-context.js';
import { callNow, findObject } from '../actions/action-context.js';
import { runSrCreate } from '../actions/sr-create.js';
import { runSrDestroy, runSrDetach, runSrForget, runSrRepair, setDefaultSr } from '../actions/sr-lifecycle.js';
import { runVbdSetActive, runVdiAttach, runVdiCreate, runVdiDelete, runVdiDetach } from '../actions/vdi-actions.js';
import { runVdiEdit } from '../actions/vdi-edit.js';
import { runVdiMove } from '../actions/vdi-move.js';
import { probeLocation } from '../storage/sr-discovery.js';
import type { PartialImplementation } from './implementation.js';

type StorageMethods =
  | 'sr.probe' | 'sr.create' | 'sr.repair' | 'sr.detach' | 'sr.forget' | 'sr.destroy' | 'sr.setDefault'
  | 'vdi.create' | 'vdi.attach' | 'vdi.detach' | 'vdi.delete' | 'vdi.edit' | 'vdi.move' | 'vbd.setActive';

/** SRs (the New Storage Repository wizard, repair, detach, forget, destroy, default) and virtual disks. */
export function createStorageApi(deps: ActionDeps): PartialImplementation<StorageMethods> {
  return {
    'sr.probe': async ({ hostId, location }) => {
      const host = findObject(deps.mirror, hostId, 'host');
      return callNow(deps, host.$pool, (client) => probeLocation(client, deps.mirror, host.$pool, host.$id, location));
    },
    'sr.create': async (input) => ({ jobIds: [runSrCreate(deps, input)] }),
    'sr.repair': async ({ srId }) => ({ jobIds: [runSrRepair(deps, srId)] }),
    'sr.detach': async ({ srId }) => ({ jobIds: [runSrDetach(deps, srId)] }),
    'sr.forget': async ({ srId }) => ({ jobIds: [runSrForget(deps, srId)] }),
    'sr.destroy': async ({ srId, confirmName }) => ({ jobIds: [runSrDestroy(deps, srId, confirmName)] }),
    'sr.setDefault': async ({ srId }) => setDefaultSr(deps, srId),
    'vdi.create': async (input) => ({ jobIds: [runVdiCreate(deps, input)] }),
    'vdi.attach': async ({ vmId, vdiId, readOnly }) => ({ jobIds: [runVdiAttach(deps, vmId, vdiId, readOnly === true)] }),
    'vdi.detach': async ({ vbdId }) => ({ jobIds: [runVdiDetach(deps, vbdId)] }),
    'vdi.delete': async ({ vdiId }) => ({ jobIds: [runVdiDelete(deps, vdiId)] }),
    'vdi.edit': async (input) => ({ jobIds: [runVdiEdit(deps, input)] }),
    'vdi.move': async ({ vdiId, srId }) => ({ jobIds: [runVdiMove(deps, vdiId, srId)] }),
    'vbd.setActive': async ({ vbdId, active }) => ({ jobIds: [runVbdSetActive(deps, vbdId, active)] }),
  };
}
