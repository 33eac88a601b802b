/**
 * The data sources a host and its VMs publish, named as xcp-rrdd names them (VM: cpuN, memory, memory_target,
 * memory_internal_free, vif_N_rx/tx, vbd_xvdX_read/write; host: cpuN, loadavg, memory_total_kib,
 * memory_free_kib, pif_ethN_rx/tx), each a deterministic function of identity, time, step and the load knob.
 */
import type { Engine } from '../api/engine.js';
import { hostFreeMemory } from '../behaviour/host-memory.js';
import { NULL_REF } from '../model/type-grammar.js';
import { rowDuringDowntime } from './host-downtime.js';
import { loadAt } from './load-knob.js';
import { consolidate, noise, wave } from './signal.js';

export interface DataSource {
  name: string;
  type: 'GAUGE' | 'DERIVE' | 'ABSOLUTE';
  min: number;
  max: number;
  /** The consolidated value of the row ending at `t` (epoch s) in an archive of `step` seconds. */
  value(t: number, step: number, cf: string): number;
}

export interface MetricOwner {
  kind: 'vm' | 'host';
  ref: string;
  uuid: string;
  /** Epoch seconds from which values exist (VM start); rows before are NaN. */
  since: number;
  sources: DataSource[];
  /** Whether the row ending at `t` of an archive of `step` seconds is unknown (its host was down then). */
  unknown(t: number, step: number): boolean;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;
const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/** A utilisation-like signal in [0, 1] driven by `level`. */
function utilisation(key: string, level: () => (t: number) => number): DataSource['value'] {
  return (t, step, cf) => {
    const l = level()(t);
    const mean = clamp01(l * (0.4 + 1.2 * wave(key, t)) + 0.08 * l * noise(key, t, step));
    const spread = Math.min(mean, 1 - mean, 0.25 * l * Math.sqrt(Math.min(step, 3600) / 5) / 4);
    return clamp01(consolidate(cf, mean, spread, clamp01(mean + 0.1 * l * noise(key, t, 5))));
  };
}

/** A throughput (bytes/s) signal around `peak × level`. */
function throughput(key: string, peak: number, level: () => (t: number) => number): DataSource['value'] {
  return (t, step, cf) => {
    const l = level()(t);
    const mean = Math.max(0, peak * l * (0.2 + wave(key, t)) * (1 + 0.3 * noise(key, t, step)));
    return Math.max(0, consolidate(cf, mean, mean * 0.4 * Math.sqrt(Math.min(step, 3600) / 60) / 8, mean * (1 + 0.5 * noise(key, t, 5))));
  };
}

const constant = (v: number): DataSource['value'] => () => v;

function vbdDevice(vbd: Record<string, unknown>): string {
  const dev = String(vbd.device ?? '');
  if (/^xvd[a-z]+$/.test(dev)) return dev;
  const n = Number(vbd.userdevice);
  return `xvd${String.fromCharCode(97 + (Number.isFinite(n) ? n : 0))}`;
}

function epochOf(v: unknown): number {
  return v instanceof Date ? v.getTime() / 1000 : typeof v === 'string' && v ? Date.parse(v) / 1000 || 0 : 0;
}

/** The data sources of a VM (running or not; a non-running VM's rows are NaN). */
export function vmMetrics(engine: Engine, vmRef: string): MetricOwner {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  const host = String(vm.resident_on);
  const level = () => (t: number) => loadAt(engine, [vmRef, host], t);
  const uuid = String(vm.uuid);
  const m = vm.metrics as string;
  const metrics = m !== NULL_REF && store.has('VM_metrics', m) ? store.get('VM_metrics', m) : {};
  const running = vm.power_state === 'Running' || vm.power_state === 'Paused';
  const vcpus = Math.max(1, num(metrics.VCPUs_number) || num(vm.VCPUs_at_startup));
  const actual = num(metrics.memory_actual) || num(vm.memory_dynamic_max);
  const sources: DataSource[] = [];
  for (let i = 0; i < vcpus; i++) sources.push({ name: `cpu${i}`, type: 'DERIVE', min: 0, max: 1, value: utilisation(`${uuid}/cpu${i}`, level) });
  sources.push({ name: 'memory', type: 'GAUGE', min: 0, max: Infinity, value: constant(actual) });
  sources.push({ name: 'memory_target', type: 'GAUGE', min: 0, max: Infinity, value: constant(num(vm.memory_target) || actual) });
  const freeKey = `${uuid}/memory_internal_free`;
  sources.push({
    name: 'memory_internal_free', type: 'GAUGE', min: 0, max: Infinity,
    value: (t, step, cf) => Math.round((actual / 1024) * clamp01(0.8 - 0.55 * loadAt(engine, [vmRef, host], t) * wave(freeKey, t) + 0.02 * noise(freeKey, t, step) + (cf === 'MIN' ? -0.02 : cf === 'MAX' ? 0.02 : 0))),
  });
  for (const vifRef of vm.VIFs as string[]) {
    const dev = String(store.row('VIF', vifRef)?.record.device ?? '0');
    sources.push({ name: `vif_${dev}_rx`, type: 'DERIVE', min: 0, max: Infinity, value: throughput(`${uuid}/vif${dev}rx`, 12_500_000, level) });
    sources.push({ name: `vif_${dev}_tx`, type: 'DERIVE', min: 0, max: Infinity, value: throughput(`${uuid}/vif${dev}tx`, 6_000_000, level) });
  }
  for (const vbdRef of vm.VBDs as string[]) {
    const vbd = store.row('VBD', vbdRef)?.record;
    if (!vbd || vbd.type === 'CD' || vbd.empty === true) continue;
    const dev = vbdDevice(vbd);
    sources.push({ name: `vbd_${dev}_read`, type: 'DERIVE', min: 0, max: Infinity, value: throughput(`${uuid}/${dev}r`, 40_000_000, level) });
    sources.push({ name: `vbd_${dev}_write`, type: 'DERIVE', min: 0, max: Infinity, value: throughput(`${uuid}/${dev}w`, 20_000_000, level) });
  }
  return {
    kind: 'vm', ref: vmRef, uuid, since: running ? epochOf(metrics.start_time) : Infinity, sources,
    unknown: (t, step) => rowDuringDowntime(engine, host, t, step),
  };
}

/** The data sources of a host. */
export function hostMetrics(engine: Engine, hostRef: string): MetricOwner {
  const { store } = engine;
  const host = store.get('host', hostRef);
  const uuid = String(host.uuid);
  const cpus = Math.max(1, [...store.rows('host_cpu')].filter((r) => r.record.host === hostRef).length || 1);
  const level = () => (t: number) => Math.min(1, 0.05 + loadAt(engine, [hostRef], t) * 0.9);
  const sources: DataSource[] = [];
  for (let i = 0; i < cpus; i++) sources.push({ name: `cpu${i}`, type: 'DERIVE', min: 0, max: 1, value: utilisation(`${uuid}/cpu${i}`, level) });
  const cpu0 = sources[0]!.value;
  sources.push({ name: 'loadavg', type: 'GAUGE', min: 0, max: Infinity, value: (t, step, cf) => cpu0(t, step, cf) * cpus * 1.1 });
  const hm = host.metrics as string;
  const total = hm !== NULL_REF && store.has('host_metrics', hm) ? num(store.get('host_metrics', hm).memory_total) : 0;
  sources.push({ name: 'memory_total_kib', type: 'GAUGE', min: 0, max: Infinity, value: constant(Math.round(total / 1024)) });
  sources.push({ name: 'memory_free_kib', type: 'GAUGE', min: 0, max: Infinity, value: () => Math.round(hostFreeMemory(engine, hostRef) / 1024) });
  for (const pifRef of host.PIFs as string[]) {
    const dev = String(store.row('PIF', pifRef)?.record.device ?? '');
    if (!/^eth\d+$/.test(dev)) continue;
    sources.push({ name: `pif_${dev}_rx`, type: 'DERIVE', min: 0, max: Infinity, value: throughput(`${uuid}/${dev}rx`, 60_000_000, level) });
    sources.push({ name: `pif_${dev}_tx`, type: 'DERIVE', min: 0, max: Infinity, value: throughput(`${uuid}/${dev}tx`, 30_000_000, level) });
  }
  return { kind: 'host', ref: hostRef, uuid, since: -Infinity, sources, unknown: (t, step) => rowDuringDowntime(engine, hostRef, t, step) };
}

/** Running VMs (control domain included) resident on a host. */
export function residentVms(engine: Engine, hostRef: string): string[] {
  const host = engine.store.row('host', hostRef)?.record;
  return ((host?.resident_VMs as string[]) ?? []).filter((v) => {
    const ps = engine.store.row('VM', v)?.record.power_state;
    return ps === 'Running' || ps === 'Paused';
  });
}

/** A row's value, NaN before the owner existed and while its host was down. */
export function rowValue(owner: MetricOwner, ds: DataSource, t: number, step: number, cf: string): number {
  return t < owner.since || owner.unknown(t, step) ? NaN : ds.value(t, step, cf);
}
