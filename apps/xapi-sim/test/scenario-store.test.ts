import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inferRelations } from '#sim/model/relations.js';
import { getSchema } from '#sim/model/schema.js';
import { Store } from '#sim/model/store.js';
import { generatePool } from '#sim/scenario/generate-pool.js';
import { loadDump } from '#sim/scenario/load-dump.js';
import type { PoolSeed } from '#sim/scenario/types.js';

const dumpPath = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/xapi/dumps/xenserver-6.0-single-host.db.xml');

/** Loads a seed into the simulator's store the way the engine does. */
function storeOf(seed: PoolSeed): Store {
  const store = new Store(getSchema());
  for (const o of seed.objects) store.create(o.cls, o.fields, o.ref);
  return store;
}

describe('seeds in the store', () => {
  it('a generated pool sets only the "one" side of relations', () => {
    const seed = generatePool({ hosts: 2, vms: 30, seed: 4 });
    const relations = inferRelations(getSchema());
    for (const o of seed.objects) {
      for (const r of relations) {
        if (r.parentClass === o.cls) expect(o.fields, `${o.cls}.${r.setField}`).not.toHaveProperty(r.setField);
      }
    }
  });

  it('a generated pool derives the many sides the clients read', () => {
    const seed = generatePool({ hosts: 3, vms: 50, seed: 8 });
    const store = storeOf(seed);
    const vms = store.refs('VM').map((ref) => ({ ref, r: store.get('VM', ref) }));
    for (const host of store.refs('host')) {
      const resident = store.get('host', host).resident_VMs as string[];
      expect(resident.sort()).toEqual(vms.filter((v) => v.r.resident_on === host).map((v) => v.ref).sort());
      expect((store.get('host', host).PIFs as string[]).length).toBeGreaterThanOrEqual(2);
      expect((store.get('host', host).host_CPUs as string[]).length).toBeGreaterThanOrEqual(8);
    }
    for (const { ref, r } of vms) {
      if (r.is_control_domain || r.is_a_snapshot) continue;
      const vbds = r.VBDs as string[];
      expect(vbds.length, r.name_label as string).toBeGreaterThanOrEqual(r.is_a_template ? 0 : 2);
      if (!r.is_a_template) expect(vbds.map((v) => store.get('VBD', v).type)).toContain('CD');
      if (r.power_state === 'Running') expect((r.consoles as string[]).length).toBe(2);
      for (const snap of r.snapshots as string[]) expect(store.get('VM', snap).snapshot_of).toBe(ref);
    }
    expect(vms.some((v) => (v.r.snapshots as string[]).length > 0)).toBe(true);
    const srVdis = store.refs('SR').reduce((n, sr) => n + (store.get('SR', sr).VDIs as string[]).length, 0);
    expect(srVdis).toBe(store.count('VDI'));
  });

  it.skipIf(!existsSync(dumpPath))(`the shipped dump loads into a store (needs ${dumpPath})`, () => {
    const store = storeOf(loadDump(readFileSync(dumpPath, 'utf8')));
    expect(store.count('VM')).toBe(50);
    const [host] = store.refs('host');
    const resident = store.get('host', host!).resident_VMs as string[];
    expect(resident.map((v) => store.get('VM', v).name_label)).toContain('Control domain on host: janitor');
    expect(store.refs('SR').reduce((n, sr) => n + (store.get('SR', sr).VDIs as string[]).length, 0)).toBe(store.count('VDI'));
  });
});
