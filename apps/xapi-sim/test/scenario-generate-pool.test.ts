import { describe, expect, it } from 'vitest';
import schemaFile from '#sim/model/schema.gen.json' with { type: 'json' };
import { parseXapiType, type XapiType } from '#sim/model/type-grammar.js';
import { addressPlus } from '#sim/scenario/addresses.js';
import { generatePool } from '#sim/scenario/generate-pool.js';
import type { PoolSeed, SeedObject } from '#sim/scenario/types.js';

interface SchemaShape {
  classes: Record<string, { fields: Record<string, { type: string }>; enums: Record<string, string[]> }>;
}
const schema = schemaFile as unknown as SchemaShape;
const enums = new Map<string, string[]>();
for (const c of Object.values(schema.classes)) for (const [name, values] of Object.entries(c.enums)) enums.set(name, values);

/** Why `value` does not fit `t`, or null when it does. */
function misfit(t: XapiType, value: unknown): string | null {
  switch (t.kind) {
    case 'string':
      return typeof value === 'string' ? null : 'not a string';
    case 'int':
      return Number.isInteger(value) ? null : 'not an int';
    case 'float':
      return typeof value === 'number' ? null : 'not a number';
    case 'bool':
      return typeof value === 'boolean' ? null : 'not a bool';
    case 'datetime':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? null : 'not a Date';
    case 'ref':
      return typeof value === 'string' && value.startsWith('OpaqueRef:') ? null : 'not a ref';
    case 'enum':
      return enums.get(t.name)?.includes(value as string) ? null : `not in enum ${t.name}`;
    case 'set':
      if (!Array.isArray(value)) return 'not an array';
      for (const v of value) if (misfit(t.of, v)) return `element ${JSON.stringify(v)}: ${misfit(t.of, v)}`;
      return null;
    case 'map':
      if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return 'not an object';
      for (const v of Object.values(value)) if (misfit(t.value, v)) return `value ${JSON.stringify(v)}: ${misfit(t.value, v)}`;
      return null;
    case 'record':
      return 'records are not field values';
  }
}

function index(seed: PoolSeed): { byRef: Map<string, SeedObject>; of: (cls: string) => SeedObject[] } {
  const byRef = new Map(seed.objects.map((o) => [o.ref, o]));
  return { byRef, of: (cls) => seed.objects.filter((o) => o.cls === cls) };
}

const small = { hosts: 3, vms: 40, seed: 42 };

describe('generatePool', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = JSON.stringify(generatePool(small));
    expect(JSON.stringify(generatePool(small))).toBe(a);
    expect(JSON.stringify(generatePool({ ...small, seed: 43 }))).not.toBe(a);
  });

  it('produces only schema classes and fields, with values of the field types', () => {
    const seed = generatePool({ ...small, templates: 25, srs: 3, networks: 5 });
    for (const o of seed.objects) {
      const cls = schema.classes[o.cls];
      expect(cls, o.cls).toBeDefined();
      for (const [name, value] of Object.entries(o.fields)) {
        const f = cls!.fields[name];
        expect(f, `${o.cls}.${name}`).toBeDefined();
        expect(misfit(parseXapiType(f!.type), value), `${o.cls}.${name} = ${JSON.stringify(value)}`).toBeNull();
      }
    }
  });

  it('has unique refs and uuids, and every ref it mentions exists', () => {
    const seed = generatePool(small);
    const { byRef } = index(seed);
    expect(byRef.size).toBe(seed.objects.length);
    expect(new Set(seed.objects.map((o) => o.fields.uuid)).size).toBe(seed.objects.length);
    const check = (where: string, v: unknown): void => {
      if (typeof v === 'string' && v.startsWith('OpaqueRef:') && v !== 'OpaqueRef:NULL') {
        expect(byRef.has(v), `${where} → ${v}`).toBe(true);
      } else if (Array.isArray(v)) v.forEach((x) => check(where, x));
      else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) check(`${where}.${k}`, x);
    };
    for (const o of seed.objects) check(`${o.cls}.${o.ref}`, o.fields);
    expect(byRef.get(seed.masterRef)?.cls).toBe('host');
    expect(Object.keys(seed.hostAddresses).sort()).toEqual(index(seed).of('host').map((h) => h.ref).sort());
  });

  it('matches the requested counts', () => {
    const opts = { hosts: 4, vms: 60, templates: 7, srs: 3, networks: 4, seed: 5 };
    const { of } = index(generatePool(opts));
    const vms = of('VM');
    expect(of('host')).toHaveLength(4);
    expect(of('pool')).toHaveLength(1);
    expect(vms.filter((v) => !v.fields.is_a_template && !v.fields.is_control_domain)).toHaveLength(60);
    expect(vms.filter((v) => v.fields.is_a_template && !v.fields.is_a_snapshot)).toHaveLength(7);
    expect(vms.filter((v) => v.fields.is_control_domain)).toHaveLength(4);
    expect(vms.some((v) => v.fields.is_a_snapshot)).toBe(true);
    expect(of('SR').filter((s) => s.fields.shared && s.fields.content_type === 'user')).toHaveLength(3);
    expect(of('network').filter((n) => !(n.fields.other_config as Record<string, string>).is_host_internal_management_network)).toHaveLength(4);
    for (const state of ['Running', 'Halted', 'Suspended', 'Paused']) {
      expect(vms.some((v) => v.fields.power_state === state && !v.fields.is_control_domain), state).toBe(true);
    }
  });

  it('gives hosts consecutive addresses from the base address', () => {
    const seed = generatePool({ hosts: 3, vms: 0, seed: 1, baseAddress: '127.0.0.10' });
    const { byRef } = index(seed);
    const addresses = Object.entries(seed.hostAddresses).map(([ref, ip]) => [byRef.get(ref)!.fields.address, ip]);
    expect(addresses.map(([, ip]) => ip).sort()).toEqual(['127.0.0.10', '127.0.0.11', '127.0.0.12']);
    for (const [field, ip] of addresses) expect(field).toBe(ip);
    expect(seed.hostAddresses[seed.masterRef]).toBe('127.0.0.10');
    expect(addressPlus('127.0.0.255', 1)).toBe('127.0.1.0');
  });

  it('fits every host its resident VMs, and running VMs have consoles, metrics and reachable disks', () => {
    const seed = generatePool({ hosts: 5, vms: 400, seed: 9 });
    const { byRef, of } = index(seed);
    for (const host of of('host')) {
      const total = byRef.get(host.fields.metrics as string)!.fields.memory_total as number;
      const resident = of('VM').filter((v) => v.fields.resident_on === host.ref);
      expect(resident.some((v) => v.fields.is_control_domain)).toBe(true);
      const used = resident.reduce(
        (sum, v) => sum + (byRef.get(v.fields.metrics as string)!.fields.memory_actual as number) + (v.fields.memory_overhead as number),
        host.fields.memory_overhead as number,
      );
      expect(used, host.fields.name_label as string).toBeLessThanOrEqual(total);
      expect(of('host_cpu').filter((c) => c.fields.host === host.ref).length).toBeGreaterThanOrEqual(8);
    }
    const pbds = of('PBD');
    for (const vm of of('VM').filter((v) => !v.fields.is_control_domain && !v.fields.is_a_template)) {
      const running = vm.fields.power_state === 'Running' || vm.fields.power_state === 'Paused';
      expect(vm.fields.resident_on !== 'OpaqueRef:NULL', vm.fields.name_label as string).toBe(running);
      const f = vm.fields;
      const mem = [f.memory_static_min, f.memory_dynamic_min, f.memory_dynamic_max, f.memory_static_max] as number[];
      expect([...mem].sort((a, b) => a - b)).toEqual(mem);
      const consoles = of('console').filter((c) => c.fields.VM === vm.ref);
      if (!running) {
        expect(consoles).toHaveLength(0);
        continue;
      }
      expect(consoles.map((c) => c.fields.protocol).sort()).toEqual(['rfb', 'vt100']);
      for (const c of consoles) expect(c.fields.location).toContain(`https://${seed.hostAddresses[f.resident_on as string]}/console?uuid=`);
      for (const vbd of of('VBD').filter((v) => v.fields.VM === vm.ref && v.fields.type === 'Disk')) {
        const sr = byRef.get(vbd.fields.VDI as string)!.fields.SR;
        expect(pbds.some((p) => p.fields.SR === sr && p.fields.host === f.resident_on)).toBe(true);
      }
    }
  });

  it('keeps SR utilisation and allocation equal to the sums over their VDIs', () => {
    const seed = generatePool({ hosts: 3, vms: 200, seed: 11 });
    const { of } = index(seed);
    const vdis = of('VDI');
    for (const sr of of('SR')) {
      const mine = vdis.filter((v) => v.fields.SR === sr.ref);
      const phys = mine.reduce((s, v) => s + (v.fields.physical_utilisation as number), 0);
      const virt = mine.reduce((s, v) => s + (v.fields.virtual_size as number), 0);
      expect(sr.fields.physical_utilisation, sr.fields.name_label as string).toBe(phys);
      expect(sr.fields.virtual_allocation).toBe(virt);
      expect(sr.fields.physical_size as number).toBeGreaterThanOrEqual(phys);
    }
    const iso = of('SR').find((s) => s.fields.name_label === 'ISO library')!;
    expect(vdis.filter((v) => v.fields.SR === iso.ref).map((v) => v.fields.name_label)).toContain('debian-12.iso');
  });

  it('handles edge options: one host, no shared SR, XenServer branding, bad counts', () => {
    const seed = generatePool({ hosts: 1, vms: 5, srs: 0, networks: 1, seed: 2, productBrand: 'XenServer' });
    const { byRef, of } = index(seed);
    const pool = of('pool')[0]!;
    const defaultSr = byRef.get(pool.fields.default_SR as string)!;
    expect(defaultSr.fields.name_label).toBe('Local storage');
    expect(of('VDI').filter((v) => v.fields.type === 'system').every((v) => v.fields.SR === defaultSr.ref)).toBe(true);
    const host = of('host')[0]!;
    expect((host.fields.software_version as Record<string, string>).product_brand).toBe('XenServer');
    expect(of('SR').some((s) => s.fields.name_label === 'XenServer Tools' && s.fields.is_tools_sr)).toBe(true);
    expect(() => generatePool({ hosts: 0, vms: 1, seed: 1 })).toThrow();
    expect(() => generatePool({ hosts: 1, vms: -1, seed: 1 })).toThrow();
  });

  it('builds a 5,000-VM, 50-host pool', () => {
    const seed = generatePool({ hosts: 50, vms: 5000, seed: 3 });
    expect(seed.objects.filter((o) => o.cls === 'host')).toHaveLength(50);
    expect(seed.hostAddresses[seed.masterRef]).toBe('127.0.0.1');
  });
});
