import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDump } from '#sim/scenario/load-dump.js';
import type { PoolSeed, SeedObject } from '#sim/scenario/types.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const dumpPath = path.resolve(repoRoot, '../shared/xapi/dumps/xenserver-6.0-single-host.db.xml');

/** Rows of a table, counted straight from the XML text. */
function rowCount(xml: string, table: string): number {
  const m = new RegExp(`<table name="${table}">([\\s\\S]*?)</table>`).exec(xml);
  return m ? (m[1]!.match(/<row\s/g) ?? []).length : 0;
}

describe.skipIf(!existsSync(dumpPath))(`the shipped XenServer 6.0 dump (needs ${dumpPath})`, () => {
  const xml = existsSync(dumpPath) ? readFileSync(dumpPath, 'utf8') : '';
  const warnings: string[] = [];
  const seed: PoolSeed = existsSync(dumpPath) ? loadDump(xml, { onWarning: (m) => warnings.push(m) }) : { objects: [], hostAddresses: {}, masterRef: '' };
  const of = (cls: string): SeedObject[] => seed.objects.filter((o) => o.cls === cls);
  const byUuid = (uuid: string): SeedObject => seed.objects.find((o) => o.fields.uuid === uuid)!;

  it('has as many hosts, VMs, SRs, VDIs and networks as the dump has rows', () => {
    for (const table of ['host', 'VM', 'SR', 'VDI', 'network', 'PBD', 'VBD', 'VIF', 'console']) {
      expect(of(table).length, table).toBe(rowCount(xml, table));
      expect(rowCount(xml, table), table).toBeGreaterThan(0);
    }
    expect(of('VM')).toHaveLength(50);
    expect(of('VM').filter((v) => v.fields.is_a_template)).toHaveLength(42);
  });

  it('decodes names, sets and maps exactly', () => {
    const host = of('host')[0]!;
    expect(host.fields.name_label).toBe('janitor');
    expect(host.fields.name_description).toBe('GUI team install of Orlando. Do not delete!'); // legacy %_ → space
    expect(host.fields.tags).toEqual(['Do not delete', 'boned']);
    expect(host.fields.API_version_major).toBe(2); // API_version__major column
    expect((host.fields.software_version as Record<string, string>).product_version).toBe('6.0.0');
    expect((host.fields.other_config as Record<string, string>).folder).toBe('/1/2/3/4/4');
    const gm = byUuid('63951d84-cebd-4363-20a7-13d7337a20db');
    expect((gm.fields.os_version as Record<string, string>).name).toBe(
      'Microsoft Windows XP Professional|C:\\WINDOWS|\\Device\\Harddisk0\\Partition1',
    );
    expect(gm.fields.PV_drivers_version).toEqual({ xenvbd: '1.0boot', xennet: '1.0', major: '4', minor: '1', micro: '0', build: '7870' });
    const kirkwood = byUuid('a79dd0e9-5c37-3eef-c06b-bf7ecd3ba1cc');
    expect(kirkwood.fields.name_label).toBe('Kirkwood Server');
    expect(kirkwood.fields.power_state).toBe('Running');
    expect(kirkwood.fields.memory_static_max).toBe(1073741824);
    expect(kirkwood.fields.VCPUs_max).toBe(1);
    const updated = byUuid('c70b0b9a-7e14-6e4c-5895-78bde90cf5b9');
    expect(updated.fields.last_updated).toEqual(new Date(Date.UTC(2009, 0, 23, 12, 18, 41)));
    expect(updated.fields.networks).toEqual({ '0/ip': '10.80.238.31' });
  });

  it('drops removed columns and derived relation sets, and keeps only current-model fields', () => {
    const host = of('host')[0]!;
    expect(host.fields).not.toHaveProperty('boot_free_mem');
    expect(host.fields).not.toHaveProperty('resident_VMs');
    expect(of('VM')[0]!.fields).not.toHaveProperty('VBDs');
    expect(of('VM_guest_metrics')[0]!.fields).not.toHaveProperty('memory');
    expect(of('VIF_metrics')).toHaveLength(0);
    expect(of('session')).toHaveLength(0);
  });

  it('gives the host a loopback address, recreates its metrics, and fits its running VMs', () => {
    const host = of('host')[0]!;
    expect(seed.masterRef).toBe(host.ref);
    expect(seed.hostAddresses).toEqual({ [host.ref]: '127.0.0.1' });
    expect(host.fields.address).toBe('127.0.0.1');
    for (const c of of('console')) expect(c.fields.location).toMatch(/^https:\/\/127\.0\.0\.1\/console\?ref=/);
    const metrics = seed.objects.find((o) => o.ref === host.fields.metrics)!;
    expect(metrics.cls).toBe('host_metrics');
    const used = of('VM')
      .filter((v) => v.fields.resident_on === host.ref)
      .reduce((s, v) => s + (v.fields.memory_dynamic_max as number), 0);
    expect(metrics.fields.memory_total as number).toBeGreaterThan(used);
  });

  it('leaves no reference to an object that is not in the seed', () => {
    const refs = new Set(seed.objects.map((o) => o.ref));
    for (const o of seed.objects) {
      for (const [name, v] of Object.entries(o.fields)) {
        const values = Array.isArray(v) ? v : [v];
        for (const x of values) {
          if (typeof x === 'string' && x.startsWith('OpaqueRef:') && x !== 'OpaqueRef:NULL') expect(refs.has(x), `${o.cls}.${name}`).toBe(true);
        }
      }
    }
  });
});
