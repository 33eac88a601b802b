/** Metrics that run by themselves: host downtime (unknown rows in the archives) and the perfmon alarms. */
import type { Engine } from '../api/engine.js';
import { trackHostDowntime } from '../rrd/host-downtime.js';
import { startPerfmon } from '../rrd/perfmon.js';

export function registerMetrics(engine: Engine): void {
  trackHostDowntime(engine);
  startPerfmon(engine);
}
