/** The behaviour modules a pool runs with, one file per class or concern. */
import type { BehaviourModule } from '../api/engine.js';
import { registerMessageAlerts } from './message-alerts.js';
import { registerPoolMaster } from './pool-master.js';
import { registerVmPower } from './vm-power.js';

export const DEFAULT_MODULES: BehaviourModule[] = [registerVmPower, registerPoolMaster, registerMessageAlerts];
