import { runBondCreate } from '../actions/bond-create.js';
import { runConfigureIp, runConfigureManagement, type ManagementDeps } from '../actions/management-interface.js';
import { runNetworkCreate, runNetworkDelete, setNetworkAutoAdd } from '../actions/network-create.js';
import { runVifCreate, runVifDelete, runVifEdit, runVifSetActive } from '../actions/vif-actions.js';
import type { PartialImplementation } from './implementation.js';

type NetworkMethods =
  | 'network.create' | 'network.createBond' | 'network.delete' | 'network.setAutoAdd'
  | 'host.configureManagement' | 'pif.configureIp'
  | 'vif.create' | 'vif.delete' | 'vif.setActive' | 'vif.edit';

/** Networks (the New Network wizard, bonds), server interfaces and VM interfaces. */
export function createNetworkApi(deps: ManagementDeps): PartialImplementation<NetworkMethods> {
  return {
    'network.create': async (input) => ({ jobIds: [runNetworkCreate(deps, input)] }),
    'network.createBond': async (input) => ({ jobIds: [runBondCreate(deps, input)] }),
    'network.delete': async ({ networkId }) => ({ jobIds: [runNetworkDelete(deps, networkId)] }),
    'network.setAutoAdd': async ({ networkId, autoAdd }) => setNetworkAutoAdd(deps, networkId, autoAdd),
    'host.configureManagement': async ({ pifId, ip, timeoutSeconds }) => ({ jobIds: [runConfigureManagement(deps, pifId, ip, timeoutSeconds)] }),
    'pif.configureIp': async ({ pifId, ip, purpose }) => ({ jobIds: [runConfigureIp(deps, pifId, ip, purpose)] }),
    'vif.create': async (input) => ({ jobIds: [runVifCreate(deps, input)] }),
    'vif.delete': async ({ vifId }) => ({ jobIds: [runVifDelete(deps, vifId)] }),
    'vif.setActive': async ({ vifId, active }) => ({ jobIds: [runVifSetActive(deps, vifId, active)] }),
    'vif.edit': async (input) => ({ jobIds: [runVifEdit(deps, input)] }),
  };
}
