import type { GraphSpec } from '../../../shared/api/stats-schema.js';

/** Which Performance tab an object has: a VM's or a host's graphs. */
export type GraphKind = 'vm' | 'host';

const numbered = (names: readonly string[], pattern: RegExp) =>
  names.filter((name) => pattern.test(name)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));

/**
 * XenCenter's default graphs for the data sources an object has. VM: CPU, memory, network, disk throughput; host:
 * CPU per core, memory, network per NIC, load average. A graph whose sources are not there yet (no data so far)
 * still shows, so the layout does not jump when the first points arrive.
 */
export function defaultGraphs(kind: GraphKind, available: readonly string[]): GraphSpec[] {
  const cpus = numbered(available, /^cpu\d+$/);
  if (kind === 'vm') {
    return [
      { title: 'CPU Performance', sources: cpus.length ? cpus : ['cpu0'] },
      { title: 'Memory Performance', sources: ['memory', 'memory_used'] },
      { title: 'Network Performance', sources: withFallback(numbered(available, /^vif_\d+_(rx|tx)$/), ['vif_0_rx', 'vif_0_tx']) },
      { title: 'Disk Performance', sources: withFallback(numbered(available, /^vbd_\w+_(read|write)$/), ['vbd_xvda_read', 'vbd_xvda_write']) },
    ];
  }
  return [
    { title: 'CPU Performance', sources: cpus.length ? cpus : ['cpu0'] },
    { title: 'Memory Performance', sources: ['memory_total_kib', 'memory_used_kib'] },
    { title: 'Network Performance', sources: withFallback(numbered(available, /^pif_\w+_(rx|tx)$/), ['pif_eth0_rx', 'pif_eth0_tx']) },
    { title: 'Load Average', sources: ['loadavg'] },
  ];
}

function withFallback(found: string[], fallback: string[]): string[] {
  return found.length > 0 ? found.slice(0, 32) : fallback;
}

/** Sources Xenith computes from two others (the pools publish free memory; XenCenter graphs used memory). */
export const derivedSources: Readonly<Record<string, { readonly total: string; readonly free: string; readonly freeScale: number }>> = {
  memory_used: { total: 'memory', free: 'memory_internal_free', freeScale: 1024 },
  memory_used_kib: { total: 'memory_total_kib', free: 'memory_free_kib', freeScale: 1 },
};
