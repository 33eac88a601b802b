/** The behaviour modules a pool runs with, one file per class or concern. */
import type { BehaviourModule } from '../api/engine.js';
import { registerBlobs } from './blobs.js';
import { registerBond } from './bond.js';
import { registerHostFailure } from './host-failure.js';
import { registerHostMigrateReceive } from './host-migrate-receive.js';
import { registerHostLifecycle } from './host-lifecycle.js';
import { registerHostSettings } from './host-settings.js';
import { registerNetwork } from './network.js';
import { registerPifConfig } from './pif-config.js';
import { registerStorageDevices } from './storage-devices.js';
import { registerStorageVdi } from './storage-vdi.js';
import { registerSrLifecycle } from './sr-lifecycle.js';
import { registerSrProbe } from './sr-probe.js';
import { registerVdiPoolMigrate } from './vdi-pool-migrate.js';
import { registerMessageAlerts } from './message-alerts.js';
import { registerMetrics } from './metrics.js';
import { registerPoolMaster } from './pool-master.js';
import { registerVmCloneCopy } from './vm-clone-copy.js';
import { registerVmMigrate } from './vm-migrate.js';
import { registerVmMigrateSend } from './vm-migrate-send.js';
import { registerVmPower } from './vm-power.js';
import { registerVmResources } from './vm-resources.js';
import { registerVmSnapshot } from './vm-snapshot.js';
import { registerVmss } from './vmss.js';
import { registerUpdates } from '../updates/updates-module.js';

export const DEFAULT_MODULES: BehaviourModule[] = [
  registerVmPower, registerPoolMaster, registerMessageAlerts, registerVmCloneCopy, registerVmSnapshot, registerVmMigrate, registerVmMigrateSend, registerHostMigrateReceive, registerVmResources,
  registerHostLifecycle, registerHostSettings, registerHostFailure, registerStorageVdi, registerStorageDevices, registerNetwork,
  registerSrLifecycle, registerSrProbe, registerVdiPoolMigrate, registerPifConfig, registerBond,
  registerUpdates, registerBlobs, registerVmss, registerMetrics,
];
