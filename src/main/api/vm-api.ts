import type { ActionDeps } from '../actions/action-context.js';
import { runVmConvertToTemplate } from '../actions/vm-template.js';
import { runVmClone, runVmCopy } from '../actions/vm-copies.js';
import { runVmCreate } from '../actions/vm-create.js';
import { runVmDelete } from '../actions/vm-delete.js';
import { runVmSetCd } from '../actions/vm-cd.js';
import { runVmMigrate, vmPlacement } from '../actions/vm-placement.js';
import { runVmPower, runVmStartOn } from '../actions/vm-power.js';
import type { PartialImplementation } from './implementation.js';

type VmMethods = 'vm.power' | 'vm.startOn' | 'vm.placement' | 'vm.migrate' | 'vm.clone' | 'vm.copy' | 'vm.delete' | 'vm.convertToTemplate' | 'vm.create' | 'vm.setCd';

/** The VM actions: each starts jobs and returns their ids at once (vm.placement answers directly). */
export function createVmApi(deps: ActionDeps): PartialImplementation<VmMethods> {
  return {
    'vm.power': async ({ vmIds, operation }) => ({ jobIds: runVmPower(deps, vmIds, operation) }),
    'vm.startOn': async ({ vmId, hostId }) => ({ jobIds: [runVmStartOn(deps, vmId, hostId)] }),
    'vm.placement': async ({ vmId }) => vmPlacement(deps, vmId),
    'vm.migrate': async ({ vmId, hostId }) => ({ jobIds: [runVmMigrate(deps, vmId, hostId)] }),
    'vm.clone': async ({ vmId, name }) => ({ jobIds: [runVmClone(deps, vmId, name)] }),
    'vm.copy': async ({ vmId, name, srId }) => ({ jobIds: [runVmCopy(deps, vmId, name, srId)] }),
    'vm.delete': async ({ vmId, deleteVdiIds, deleteSnapshotIds }) => ({ jobIds: [runVmDelete(deps, vmId, deleteVdiIds, deleteSnapshotIds)] }),
    'vm.convertToTemplate': async ({ vmId }) => ({ jobIds: [runVmConvertToTemplate(deps, vmId)] }),
    'vm.create': async (input) => ({ jobIds: [runVmCreate(deps, input)] }),
    'vm.setCd': async ({ vmId, isoId }) => ({ jobIds: [runVmSetCd(deps, vmId, isoId)] }),
  };
}
