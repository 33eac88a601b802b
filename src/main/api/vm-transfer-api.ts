import { runVmCopyToPool, runVmMigrateToPool, vmMigrationCheck } from '../actions/vm-pool-transfers.js';
import type { TransferDeps } from '../transfer/transfer-deps.js';
import type { PartialImplementation } from './implementation.js';

type VmTransferMethods = 'vm.copyToPool' | 'vm.migrateToPool' | 'vm.migrationCheck';

/** VMs between pools: copy and migrate start a job each; the check answers directly. */
export function createVmTransferApi(deps: TransferDeps): PartialImplementation<VmTransferMethods> {
  return {
    'vm.copyToPool': async (input) => ({ jobIds: [runVmCopyToPool(deps, input)] }),
    'vm.migrateToPool': async (input) => ({ jobIds: [runVmMigrateToPool(deps, input)] }),
    'vm.migrationCheck': async (input) => vmMigrationCheck(deps, input),
  };
}
