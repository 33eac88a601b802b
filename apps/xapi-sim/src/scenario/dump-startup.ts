/**
 * Objects xapi recreates at startup because it never persists them: host_metrics and PIF_metrics. A dump's
 * hosts and PIFs still point at the refs those objects had; the recreated objects take those refs.
 */
import { hostMemoryOverhead } from './hosts.js';
import { hostMemoryFor, vmMemoryOverhead } from './memory.js';
import { Prng } from './prng.js';
import { MiB } from './seed-builder.js';
import type { SeedObject } from './types.js';

/** Reads a raw dump column of an object (undefined when the row had none). */
export type RawColumn = (obj: SeedObject, column: string) => string | undefined;

function seedFromText(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Adds host_metrics for hosts and PIF_metrics for physical PIFs whose metrics object is missing. */
export function recreateRuntimeMetrics(objects: SeedObject[], raw: RawColumn): void {
  const byRef = new Map(objects.map((o) => [o.ref, o]));
  const added: SeedObject[] = [];
  const refFor = (current: unknown, rng: Prng): string =>
    typeof current === 'string' && current !== 'OpaqueRef:NULL' && !byRef.has(current) ? current : `OpaqueRef:${rng.uuid()}`;

  for (const host of objects.filter((o) => o.cls === 'host')) {
    if (typeof host.fields.metrics === 'string' && byRef.has(host.fields.metrics)) continue;
    const rng = new Prng(seedFromText(host.ref));
    const resident = objects.filter((v) => v.cls === 'VM' && v.fields.resident_on === host.ref);
    let use = 0;
    let dom0 = 0;
    for (const vm of resident) {
      const metrics = byRef.get(vm.fields.metrics as string);
      const actual = Number(metrics?.fields.memory_actual ?? vm.fields.memory_dynamic_max ?? 0);
      const overhead = Number(vm.fields.memory_overhead ?? vmMemoryOverhead(actual, Number(vm.fields.VCPUs_max ?? 1)));
      use += actual + overhead;
      if (vm.fields.is_control_domain === true) dom0 += actual + overhead;
    }
    // Free memory at boot plus what dom0 holds is what the machine had; never less than what runs on it.
    const bootFree = Number(raw(host, 'boot_free_mem') ?? 0);
    const fromBoot = Math.ceil((bootFree + dom0) / (256 * MiB)) * 256 * MiB;
    let total = Math.max(fromBoot, hostMemoryFor(use, 0));
    total = Math.max(total, use + hostMemoryOverhead(total));
    const ref = refFor(host.fields.metrics, rng);
    host.fields.metrics = ref;
    added.push({ cls: 'host_metrics', ref, fields: { uuid: rng.uuid(), memory_total: total, live: true, last_updated: new Date(0), other_config: {} } });
  }

  for (const pif of objects.filter((o) => o.cls === 'PIF')) {
    if (pif.fields.physical === false || (typeof pif.fields.metrics === 'string' && byRef.has(pif.fields.metrics))) continue;
    const rng = new Prng(seedFromText(pif.ref));
    const ref = refFor(pif.fields.metrics, rng);
    pif.fields.metrics = ref;
    added.push({
      cls: 'PIF_metrics',
      ref,
      fields: {
        uuid: rng.uuid(),
        carrier: pif.fields.currently_attached !== false,
        vendor_id: '',
        vendor_name: '',
        device_id: '',
        device_name: '',
        speed: 1000,
        duplex: true,
        pci_bus_path: '',
        last_updated: new Date(0),
        other_config: {},
      },
    });
  }
  objects.push(...added);
}
