/**
 * A simulated perfmon: for every running VM and live host whose `other_config:perfmon` names variables, compares
 * each variable's mean over its trigger period (5 s rows of the same archives rrd_updates serves, so alarms follow
 * the load knob) with its level and raises an `ALARM` message as xapi's perfmon does — body
 * `value: <v>\nconfig:\n<variable>…</variable>` — then stays quiet for that variable for its auto-inhibit period.
 * It runs every 5 minutes × time scale (at least every second), and on demand from the control port.
 */
import type { Engine } from '../api/engine.js';
import { createAlert } from '../behaviour/message-alerts.js';
import { hostMetrics, residentVms, rowValue, vmMetrics, type MetricOwner } from './data-sources.js';
import { parsePerfmonConfig, type PerfmonVariable } from './perfmon-config.js';
import { BASE_STEP_S } from './rra-layout.js';

const PERFMON_INTERVAL_S = 300;

/** The data sources a variable adds up (cpu_usage averages the CPUs). */
function variableValue(owner: MetricOwner, v: PerfmonVariable, t: number): number {
  const pick = (test: (name: string) => boolean) => owner.sources.filter((ds) => test(ds.name));
  const sum = (list: MetricOwner['sources']) => list.reduce((acc, ds) => acc + rowValue(owner, ds, t, BASE_STEP_S, 'AVERAGE'), 0);
  if (v.regex) return sum(pick((n) => v.regex!.test(n)));
  switch (v.name) {
    case 'cpu_usage': {
      const cpus = pick((n) => /^cpu\d+$/.test(n));
      return cpus.length ? sum(cpus) / cpus.length : NaN;
    }
    case 'network_usage':
      return sum(pick((n) => /^(vif_\d+|pif_eth\d+)_(rx|tx)$/.test(n)));
    case 'disk_usage':
      return sum(pick((n) => /^vbd_\w+_(read|write)$/.test(n)));
    default:
      return sum(pick((n) => n === v.name));
  }
}

/** The variable's mean over its trigger period, ending at the last complete 5 s row. */
function meanOver(owner: MetricOwner, v: PerfmonVariable, now: number): number {
  const end = Math.floor(now / BASE_STEP_S) * BASE_STEP_S;
  let total = 0;
  let n = 0;
  for (let t = end; t > end - v.triggerPeriod; t -= BASE_STEP_S) {
    const value = variableValue(owner, v, t);
    if (!Number.isFinite(value)) return NaN;
    total += value;
    n++;
  }
  return n ? total / n : NaN;
}

const lastAlarm = new WeakMap<Engine, Map<string, number>>();

function watchedOwners(engine: Engine): { owner: MetricOwner; config: string; cls: 'VM' | 'Host' }[] {
  const out: { owner: MetricOwner; config: string; cls: 'VM' | 'Host' }[] = [];
  for (const row of engine.store.rows('host')) {
    const metrics = engine.store.row('host_metrics', String(row.record.metrics))?.record;
    if (metrics?.live === false) continue;
    const config = (row.record.other_config as Record<string, string> | undefined)?.perfmon;
    if (config) out.push({ owner: hostMetrics(engine, row.ref), config, cls: 'Host' });
    for (const vm of residentVms(engine, row.ref)) {
      const vmConfig = (engine.store.get('VM', vm).other_config as Record<string, string> | undefined)?.perfmon;
      if (vmConfig) out.push({ owner: vmMetrics(engine, vm), config: vmConfig, cls: 'VM' });
    }
  }
  return out;
}

/** One perfmon pass: the ALARM message refs it raised. */
export function runPerfmon(engine: Engine, now = Date.now() / 1000): string[] {
  const last = lastAlarm.get(engine) ?? new Map<string, number>();
  lastAlarm.set(engine, last);
  const raised: string[] = [];
  for (const { owner, config, cls } of watchedOwners(engine)) {
    for (const v of parsePerfmonConfig(config)) {
      const value = meanOver(owner, v, now);
      if (!Number.isFinite(value)) continue;
      const crossed = v.sense === 'high' ? value > v.level : value < v.level;
      const key = `${owner.uuid}/${v.name}`;
      if (!crossed || now - (last.get(key) ?? -Infinity) < v.inhibitPeriod) continue;
      last.set(key, now);
      raised.push(createAlert(engine, { name: 'ALARM', priority: v.priority, cls, objUuid: owner.uuid, body: `value: ${value}\nconfig:\n${v.xml}\n` }));
    }
  }
  return raised;
}

/** Runs perfmon on a timer for the pool's life (every 5 min × time scale, at least every second). */
export function startPerfmon(engine: Engine): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(() => {
      runPerfmon(engine);
      arm();
    }, Math.max(1000, PERFMON_INTERVAL_S * 1000 * engine.config.timeScale));
    timer.unref();
  };
  arm();
  engine.shutdownSignal.addEventListener('abort', () => clearTimeout(timer));
}
