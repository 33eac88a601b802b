/**
 * Storage motion between two simulated pools on different loopback addresses, driven through the real `xen-api`
 * client as XenCenter and Xen Orchestra drive it: host.migrate_receive on the destination, then Async.VM.migrate_send
 * on the source. The source simulator carries the disks, the metadata and the domain to the destination over HTTPS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedPool } from '#sim/index.js';
import { clearFaults, control, mapsFor, masterAndNetwork, objectCounts, pendingTasks, receiveToken, settled, sharedSr, startTwoPools, stopTwoPools, type TwoPools, type XenApiClient } from './helpers/migration-fixtures.js';
import { disksFor } from '#sim/disk/disks-for-engine.js';
import { diskDigests, MiB, prepareVm } from './helpers/transfer-fixtures.js';

describe('VM.migrate_send between two pools', () => {
  let pools: TwoPools;
  let source: SimulatedPool;
  let target: SimulatedPool;
  let src: XenApiClient;
  let dst: XenApiClient;

  beforeAll(async () => {
    pools = await startTwoPools({ hosts: 2, vms: 10, seed: 41, baseAddress: '127.0.0.150', timeScale: 0.02 }, { hosts: 2, vms: 2, seed: 42, baseAddress: '127.0.0.160', timeScale: 0.02 });
    ({ source, target, src, dst } = pools);
  });
  afterAll(() => stopTwoPools(pools));
  afterEach(() => clearFaults(pools));

  const receive = (): Promise<Record<string, string>> => receiveToken(pools);

  it('host.migrate_receive answers a token naming the destination host, a session and its URLs', async () => {
    const { host } = masterAndNetwork(target);
    const token = await receive();
    const address = target.engine.hostAddresses.get(host)!;
    expect(token.host).toBe(host);
    expect(target.engine.sessions.exists(token.session_id!)).toBe(true);
    expect(token.master).toBe(`${target.masterUrl}/`);
    expect(token.xenops).toBe(`${target.masterUrl.replace(target.engine.masterAddress(), address)}/services/xenops?session_id=${token.session_id}`);
    expect(token.SM).toMatch(new RegExp(`^https://${address.replace(/\./g, '\\.')}:\\d+/services/SM\\?session_id=OpaqueRef:`));
  });

  it('answers the token from Async.host.migrate_receive too, as the task result', async () => {
    const { host, network } = masterAndNetwork(target);
    const task = (await dst.call('Async.host.migrate_receive', host, network, {})) as string;
    const done = await settled(target, task);
    expect(done.status).toBe('success');
    expect(String(done.result)).toMatch(/^<value><struct>.*<member><name>xenops<\/name><value>https:\/\/.*\/services\/xenops\?session_id=OpaqueRef:.*<\/struct><\/value>$/);
  });

  it('refuses a network without an address on the host (PIF_HAS_NO_NETWORK_CONFIGURATION)', async () => {
    const { store } = target.engine;
    const { host } = masterAndNetwork(target);
    const pif = [...store.rows('PIF')].find((r) => r.record.host === host && r.record.management !== true && r.record.IP === '')!;
    await expect(dst.call('host.migrate_receive', host, String(pif.record.network), {})).rejects.toMatchObject({ code: 'PIF_HAS_NO_NETWORK_CONFIGURATION', params: [pif.ref] });
  });

  it('copies a halted VM to the other pool with identical disks, leaving the source as it was', async () => {
    const { vm } = prepareVm(source, { index: 0, powerState: 'Halted' });
    const before = diskDigests(source, vm);
    const sr = sharedSr(target);
    const { network } = masterAndNetwork(target);
    const { vdiMap, vifMap } = mapsFor(source, vm, sr, network);
    const progress: number[] = [];
    const task = (await src.call('Async.VM.migrate_send', vm, await receive(), false, vdiMap, vifMap, { copy: 'true' })) as string;
    const off = source.engine.store.onChange((c) => {
      if (c.cls === 'task' && c.ref === task && c.op !== 'del') progress.push(Number(c.row.record.progress));
    });
    const done = await settled(source, task);
    off();
    expect(done.error_info).toEqual([]);
    expect(done.status).toBe('success');
    const newVm = /OpaqueRef:[^<]+/.exec(String(done.result))![0];
    const { store } = target.engine;
    expect(store.get('VM', newVm).name_label).toBe(source.engine.store.get('VM', vm).name_label);
    expect(store.get('VM', newVm).uuid).not.toBe(source.engine.store.get('VM', vm).uuid);
    expect(store.get('VM', newVm).power_state).toBe('Halted');
    expect(diskDigests(target, newVm)).toEqual(before);
    for (const vbd of store.get('VM', newVm).VBDs as string[]) if (store.get('VBD', vbd).type === 'Disk') expect(store.get('VDI', String(store.get('VBD', vbd).VDI)).SR).toBe(sr);
    for (const vif of store.get('VM', newVm).VIFs as string[]) expect(store.get('VIF', vif).network).toBe(network);
    expect((store.get('VM', newVm).VIFs as string[]).length).toBe((source.engine.store.get('VM', vm).VIFs as string[]).length);
    expect(source.engine.store.get('VM', vm).current_operations).toEqual({});
    expect(diskDigests(source, vm)).toEqual(before);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(pendingTasks(target)).toEqual([]);
  });

  it('moves a running VM live: it runs on the destination host and is gone from the source', async () => {
    const { vm, vdis } = prepareVm(source, { index: 0, powerState: 'Running' });
    const before = diskDigests(source, vm);
    const { host, network } = masterAndNetwork(target);
    const { vdiMap, vifMap } = mapsFor(source, vm, sharedSr(target), network);
    const uuid = String(source.engine.store.get('VM', vm).uuid);
    const task = (await src.call('Async.VM.migrate_send', vm, await receive(), true, vdiMap, vifMap, {})) as string;
    const done = await settled(source, task);
    expect(done.error_info).toEqual([]);
    const newVm = /OpaqueRef:[^<]+/.exec(String(done.result))![0];
    const moved = target.engine.store.get('VM', newVm);
    expect(moved.power_state).toBe('Running');
    expect(moved.resident_on).toBe(host);
    expect(moved.uuid).toBe(uuid);
    expect(diskDigests(target, newVm)).toEqual(before);
    expect(source.engine.store.has('VM', vm)).toBe(false);
    for (const vdi of vdis) expect(source.engine.store.has('VDI', vdi)).toBe(false);
  });

  it('moves a halted VM with its snapshot, which stays a snapshot of it with the same disk contents', async () => {
    const { vm } = prepareVm(source, { index: 1, powerState: 'Halted' });
    const snapshot = (await src.call('VM.snapshot', vm, 'before the move')) as string;
    const snapshotDigests = diskDigests(source, snapshot);
    const before = diskDigests(source, vm);
    const { network } = masterAndNetwork(target);
    const { vdiMap, vifMap } = mapsFor(source, vm, sharedSr(target), network);
    const task = (await src.call('Async.VM.migrate_send', vm, await receive(), false, vdiMap, vifMap, {})) as string;
    const done = await settled(source, task);
    expect(done.error_info).toEqual([]);
    const newVm = /OpaqueRef:[^<]+/.exec(String(done.result))![0];
    const { store } = target.engine;
    const [arrived, ...others] = store.get('VM', newVm).snapshots as string[];
    expect(others).toEqual([]);
    expect(store.get('VM', arrived!).is_a_snapshot).toBe(true);
    expect(store.get('VM', arrived!).name_label).toBe('before the move');
    expect(diskDigests(target, newVm)).toEqual(before);
    expect(diskDigests(target, arrived!)).toEqual(snapshotDigests);
    const snapshotDisks = (store.get('VM', arrived!).VBDs as string[]).map((b) => store.get('VBD', b)).filter((b) => b.type === 'Disk').map((b) => store.get('VDI', String(b.VDI)));
    expect(snapshotDisks.length).toBeGreaterThan(0);
    for (const vdi of snapshotDisks) {
      expect(vdi.is_a_snapshot).toBe(true);
      expect(store.get('VDI', String(vdi.snapshot_of)).SR).toBe(vdi.SR);
    }
    expect(source.engine.store.has('VM', vm)).toBe(false);
    expect(source.engine.store.has('VM', snapshot)).toBe(false);
  });

  it('moves a suspended VM with its suspend image: it arrives suspended', async () => {
    const { vm } = prepareVm(source, { index: 0, powerState: 'Suspended' });
    const { network } = masterAndNetwork(target);
    const { vdiMap, vifMap } = mapsFor(source, vm, sharedSr(target), network);
    const suspendVdi = String(source.engine.store.get('VM', vm).suspend_VDI);
    // A small memory image keeps the test quick; its content must arrive like any disk's.
    source.engine.store.update('VDI', suspendVdi, { virtual_size: 8 * MiB });
    disksFor(source.engine).setSynthetic(suspendVdi, { density: 1 });
    const image = disksFor(source.engine).contentDigest(suspendVdi);
    const task = (await src.call('Async.VM.migrate_send', vm, await receive(), true, vdiMap, vifMap, {})) as string;
    const done = await settled(source, task);
    expect(done.error_info).toEqual([]);
    const moved = target.engine.store.get('VM', /OpaqueRef:[^<]+/.exec(String(done.result))![0]);
    expect(moved.power_state).toBe('Suspended');
    expect(target.engine.store.get('VDI', String(moved.suspend_VDI)).type).toBe('suspend');
    expect(disksFor(target.engine).contentDigest(String(moved.suspend_VDI))).toBe(image);
    expect(source.engine.store.has('VDI', suspendVdi)).toBe(false);
  });

  it('moves a running VM within its pool to another SR and host (token of the same pool)', async () => {
    const { vm, vdis } = prepareVm(source, { index: 2, powerState: 'Running' });
    const before = diskDigests(source, vm);
    const { store } = source.engine;
    const from = String(store.get('VM', vm).resident_on);
    const other = source.engine.store.refs('host').find((h) => h !== from)!;
    const pif = [...store.rows('PIF')].find((r) => r.record.host === other && r.record.management === true)!;
    const token = (await src.call('host.migrate_receive', other, String(pif.record.network), {})) as Record<string, string>;
    const srs = [...store.rows('SR')].filter((r) => r.record.shared === true && r.record.content_type !== 'iso').map((r) => r.ref);
    const destSr = srs.find((sr) => sr !== store.get('VDI', vdis[0]!).SR)!;
    const vdiMap = Object.fromEntries(vdis.map((v) => [v, destSr]));
    const task = (await src.call('Async.VM.migrate_send', vm, token, true, vdiMap, {}, {})) as string;
    const done = await settled(source, task);
    expect(done.error_info).toEqual([]);
    expect(String(done.result)).toContain(vm);
    expect(store.get('VM', vm).resident_on).toBe(other);
    expect(store.get('VM', vm).power_state).toBe('Running');
    expect(diskDigests(source, vm)).toEqual(before);
    for (const vbd of store.get('VM', vm).VBDs as string[]) if (store.get('VBD', vbd).type === 'Disk') expect(store.get('VDI', String(store.get('VBD', vbd).VDI)).SR).toBe(destSr);
    for (const vdi of vdis) expect(store.has('VDI', vdi)).toBe(false);
  });

  it('leaves nothing on the destination when the migration fails there (no free memory for a running VM)', async () => {
    const { vm } = prepareVm(source, { index: 1, powerState: 'Running' });
    const { host, network } = masterAndNetwork(target);
    const metrics = String(target.engine.store.get('host', host).metrics);
    const total = target.engine.store.get('host_metrics', metrics).memory_total;
    await control(target, `/objects/host_metrics/${metrics}`, { memory_total: 64 * 1024 * 1024 });
    try {
      const counts = objectCounts(target);
      const { vdiMap, vifMap } = mapsFor(source, vm, sharedSr(target), network);
      await expect(src.call('VM.migrate_send', vm, await receive(), true, vdiMap, vifMap, {})).rejects.toMatchObject({ code: 'HOST_NOT_ENOUGH_FREE_MEMORY' });
      expect(objectCounts(target)).toEqual(counts);
      expect(source.engine.store.get('VM', vm).power_state).toBe('Running');
    } finally {
      await control(target, `/objects/host_metrics/${metrics}`, { memory_total: total });
    }
  });
});
