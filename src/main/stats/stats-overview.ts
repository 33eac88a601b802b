import type { StatsOverview } from '../../shared/api/stats-schema.js';

/** The newest values of one VM or host, by data source (from the 5 s archive). */
export type LatestValues = ReadonlyMap<string, number>;

const sumOf = (values: LatestValues, pattern: RegExp): number | null => {
  let total: number | null = null;
  for (const [name, value] of values) if (pattern.test(name)) total = (total ?? 0) + value;
  return total;
};

const meanOf = (values: LatestValues, pattern: RegExp): number | null => {
  let total = 0;
  let n = 0;
  for (const [name, value] of values) {
    if (!pattern.test(name)) continue;
    total += value;
    n++;
  }
  return n > 0 ? total / n : null;
};

/** A VM's CPU (0–1), memory in use (bytes), network and disk (bytes/s), as XenCenter's graphs add them up. */
export function vmFigures(values: LatestValues): { cpu: number | null; memory: number | null; network: number | null; disk: number | null } {
  const total = values.get('memory');
  const free = values.get('memory_internal_free');
  return {
    cpu: meanOf(values, /^cpu\d+$/),
    memory: total === undefined ? null : free === undefined ? total : total - free * 1024,
    network: sumOf(values, /^vif_\d+_(rx|tx)$/),
    disk: sumOf(values, /^vbd_\w+_(read|write)$/),
  };
}

/** A host's CPU (0–1) and memory (bytes in use, total). */
export function hostFigures(values: LatestValues): { cpu: number | null; memoryUsed: number | null; memoryTotal: number | null } {
  const total = values.get('memory_total_kib');
  const free = values.get('memory_free_kib');
  return {
    cpu: meanOf(values, /^cpu\d+$/),
    memoryUsed: total !== undefined && free !== undefined ? (total - free) * 1024 : null,
    memoryTotal: total !== undefined ? total * 1024 : null,
  };
}

/**
 * The morning overview: every host's CPU and memory, and the `limit` VMs using the most CPU, memory, network and
 * disk across all connected pools, from the newest points of the shared cache.
 */
export function buildOverview(hosts: readonly { id: string; values: LatestValues }[], vms: readonly { id: string; values: LatestValues }[], limit: number): StatsOverview {
  const figures = vms.map((vm) => ({ id: vm.id, ...vmFigures(vm.values) }));
  const top = (key: 'cpu' | 'memory' | 'network' | 'disk') =>
    figures
      .filter((vm) => vm[key] !== null)
      .sort((a, b) => b[key]! - a[key]!)
      .slice(0, limit)
      .map((vm) => ({ objectId: vm.id, value: vm[key]! }));
  return {
    hosts: hosts.map((host) => ({ objectId: host.id, ...hostFigures(host.values) })),
    top: { cpu: top('cpu'), memory: top('memory'), network: top('network'), disk: top('disk') },
  };
}
