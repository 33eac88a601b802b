/**
 * XenServer updates through Xenith: the pool_update pipeline on a Citrix Hypervisor 8.2 pool fed by the
 * simulator's update source (catalogue, download, unzip and upload in one stream with no file written in the data
 * or temp directory, precheck, install, clean), a corrupt update failing precheck with its code, and XenServer
 * 8.4's CDN flow (sync, listing with guidance, a rolling install that honours the pending guidance).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import type { PoolUpdates, UpdatePrecheckResult } from '../../src/shared/api/update-schema.js';
import { readUpdateHistory } from '../../src/shared/util/host-updates.js';
import { placement, startUpdateRig, stopUnmovableGuests, type UpdateRig } from './support/update-rig.js';

/** Every file under `dir` with its size and modification time (what a write would change). */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        out.set(path, `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

/** Files added or changed between two listings. */
function written(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([path, stamp]) => before.get(path) !== stamp).map(([path]) => path);
}

describe('XenServer ≤ 8.3: the pool_update pipeline', () => {
  let rig: UpdateRig;
  let source: string;
  let privateTmp: string;
  const savedTmp = process.env.TMPDIR;
  beforeAll(async () => {
    // The temp directory Node and Xenith would use, private to this test so only our own writes can show up in it.
    privateTmp = mkdtempSync(join(tmpdir(), 'xenith-xs-tmp-'));
    process.env.TMPDIR = privateTmp;
    rig = await startUpdateRig({ hosts: 2, vms: 2, seed: 62, baseAddress: '127.0.6.20', productBrand: 'XenServer', productVersion: '8.2.1' });
    source = (await rig.control<{ url: string }>('/updates/source/start')).url;
  });
  afterAll(async () => {
    await rig?.close();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(privateTmp, { recursive: true, force: true });
  });

  it('lists the catalogue, uploads in one stream with no file written, prechecks, installs and cleans', async () => {
    const good = await rig.control<{ uuid: string; url: string }>('/updates/xenserver/publish', { name_label: 'XS82ECU1042', name_description: 'Hotfix 42', product_versions: ['8.2.1'], after_apply_guidance: ['restartHost'] });
    await rig.control('/updates/xenserver/publish', { name_label: 'XS83E001', product_versions: ['8.3.0'] });
    const listed = await rig.xenith.call<PoolUpdates>('updates.list', { poolId: rig.poolId, catalogueUrl: `${source}/xenserver/updates.xml` });
    expect(listed.family).toBe('xenserver');
    for (const host of listed.hosts) expect(host.updates.map((u) => [u.name, u.id, u.rebootNeeded, u.url])).toEqual([['XS82ECU1042', good.uuid, true, good.url]]);

    const before = new Map([...filesUnder(rig.xenith.dataDir), ...filesUnder(privateTmp)]);
    const upload = await rig.runJob('updates.upload', { poolId: rig.poolId, url: good.url, name: 'XS82ECU1042' }, 60_000);
    const after = new Map([...filesUnder(rig.xenith.dataDir), ...filesUnder(privateTmp)]);
    expect(upload.error).toBeNull();
    expect(upload).toMatchObject({ state: 'succeeded', transfer: { path: 'streaming', bytesDone: expect.any(Number) } });
    expect(written(before, after)).toEqual([]);
    const updateRef = upload.resultObjectId!;
    expect((await rig.db()).tables.pool_update![updateRef]).toMatchObject({ uuid: good.uuid, name_label: 'XS82ECU1042' });

    const prechecks = await rig.xenith.call<UpdatePrecheckResult>('updates.precheck', { poolId: rig.poolId, selection: { family: 'xenserver', poolUpdateId: updateRef }, mode: 'manual' });
    expect(prechecks.checks.filter((c) => c.id.startsWith('update:')).map((c) => c.status)).toEqual(['passed', 'passed']);

    const install = await rig.runJob('updates.install', { poolId: rig.poolId, selection: { family: 'xenserver', poolUpdateId: updateRef }, mode: 'manual' }, 60_000);
    expect(install.state).toBe('succeeded');
    const dump = await rig.db();
    for (const host of rig.sim.hosts) {
      expect(dump.tables.host![host.ref]!.updates).toEqual([updateRef]);
      expect(readUpdateHistory(dump.tables.host![host.ref]!.other_config as Record<string, string>)).toEqual([expect.objectContaining({ family: 'xenserver', updates: ['XS82ECU1042'], rebootNeeded: true })]);
    }
    expect(dump.tables.pool_update![updateRef]!.vdi).toBe('OpaqueRef:NULL');
  });

  it('a corrupt update uploads, then fails precheck on every host with its code and a sentence', async () => {
    const bad = await rig.control<{ url: string }>('/updates/xenserver/publish', { name_label: 'XS82ECU1043', product_versions: ['8.2.1'], corrupt: true });
    const upload = await rig.runJob('updates.upload', { poolId: rig.poolId, url: bad.url, name: 'XS82ECU1043' }, 60_000);
    expect(upload.state).toBe('succeeded');
    const prechecks = await rig.xenith.call<UpdatePrecheckResult>('updates.precheck', { poolId: rig.poolId, selection: { family: 'xenserver', poolUpdateId: upload.resultObjectId! }, mode: 'manual' });
    const failed = prechecks.checks.filter((c) => c.id.startsWith('update:'));
    expect(failed).toHaveLength(2);
    for (const check of failed) {
      expect(check).toMatchObject({ status: 'failed', code: 'UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR' });
      expect(check.message).toMatch(/signature/);
    }
  });
});

describe('XenServer 8.4: CDN updates', () => {
  let rig: UpdateRig;
  afterEach(async () => rig?.close());

  it('syncs, lists with guidance, and a rolling install leaves no guidance pending and the VMs where they were', async () => {
    rig = await startUpdateRig({ hosts: 2, vms: 4, seed: 63, baseAddress: '127.0.6.30', productBrand: 'XenServer' });
    await stopUnmovableGuests(rig.sim, rig.xenith.call);
    await rig.control('/updates/cdn/publish', { id: 'XS84E007', summary: 'Hypervisor fix', severity: 'High', guidance: { mandatory: ['RebootHost', 'RestartToolstack'], recommended: ['RestartDeviceModel'] } });
    const unsynced = await rig.xenith.call<PoolUpdates>('updates.list', { poolId: rig.poolId });
    expect(unsynced).toMatchObject({ family: 'cdn', hash: null });
    expect(unsynced.hosts[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/not synchronised/) });

    expect((await rig.runJob('updates.sync', { poolId: rig.poolId })).state).toBe('succeeded');
    const listed = await rig.xenith.call<PoolUpdates>('updates.list', { poolId: rig.poolId });
    expect(listed.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const host of listed.hosts) expect(host.updates).toEqual([expect.objectContaining({ id: 'XS84E007', severity: 'High', rebootNeeded: true, guidance: ['RebootHost', 'RestartToolstack', 'RestartDeviceModel'] })]);

    const where = placement(await rig.db());
    expect(Object.values(where).flat().length).toBeGreaterThan(0);
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: rig.poolId, selection: { family: 'cdn', hash: listed.hash }, mode: 'automatic' });
    const job: Job = await rig.finished(jobIds[0]!, 180_000);
    expect(job.state).toBe('succeeded');
    expect(job.steps!.every((s) => s.state === 'done')).toBe(true);
    const dump = await rig.db();
    expect(placement(dump)).toEqual(where);
    for (const host of rig.sim.hosts) {
      expect(dump.tables.host![host.ref]).toMatchObject({ pending_guidances: [], enabled: true, last_update_hash: listed.hash });
      expect(readUpdateHistory(dump.tables.host![host.ref]!.other_config as Record<string, string>)).toEqual([expect.objectContaining({ family: 'cdn', updates: ['XS84E007'] })]);
    }
    for (const vm of Object.values(dump.tables.VM!)) if (vm.power_state === 'Running' && !vm.is_control_domain) expect(vm.pending_guidances_recommended).toEqual([]);
    expect((await rig.peek<{ pending: string[] }>(`/updates/cdn/hosts/${rig.sim.hosts[1]!.ref}`)).pending).toEqual([]);
  });
});
