import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import type { MirrorChange } from '../../src/main/cache/object-mirror.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { diffMirror, fetchSimDump } from '../support/mirror-vs-sim.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

let sim: SimulatedPool | undefined;
let xenith: XenithHarness | undefined;
afterEach(async () => {
  await xenith?.close();
  await sim?.stop();
  xenith = undefined;
  sim = undefined;
});

const control = (path: string, body: unknown = {}) =>
  fetch(`${sim!.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
const statuses = (harness: XenithHarness, poolId: string) =>
  harness.events.filter((e) => e.event === 'pool.status' && (e.payload as PoolSummary).poolId === poolId).map((e) => e.payload as PoolSummary);
const typeOf = (change: MirrorChange) => (change.kind === 'remove' ? change.type : change.object.$type);

describe('progressive first load', () => {
  it('brings the pool, hosts, networks and storage before any VM, counts what arrives, and ends equal to the pool', async () => {
    sim = await startSimulatedPool({ hosts: 4, vms: 120, seed: 11, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const order: string[] = [];
    xenith.server.internals.mirror.onChanges((changes) => {
      for (const change of changes) if (change.kind === 'add') order.push(change.object.$type);
    });

    const summary = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false });

    expect(summary.state).toBe('connected');
    expect(summary.loading).toBeNull();
    // The tree's first rows, then VMs and the rest (asked together, VMs first).
    const first = new Set(['pool', 'host', 'host_metrics', 'network', 'SR', 'PBD']);
    const lastOfFirst = Math.max(...[...first].map((type) => order.lastIndexOf(type)));
    expect(order.slice(0, lastOfFirst + 1).every((type) => first.has(type))).toBe(true);
    expect(order.slice(lastOfFirst + 1)).toContain('VM');
    // While it loaded, the pool said how far it had come, the VM count never going back.
    const loading = statuses(xenith, summary.poolId).flatMap((status) => (status.loading ? [status.loading] : []));
    const dump = await fetchSimDump(sim.controlUrl);
    const vmTotal = Object.keys(dump.tables.VM!).length;
    expect(loading.some((step) => step.vmsTotal === vmTotal)).toBe(true);
    expect(loading.map((step) => step.vms)).toEqual([...loading.map((step) => step.vms)].sort((a, b) => a - b));
    expect(diffMirror(xenith.server.internals.mirror, summary.poolId, dump)).toEqual([]);
  });

  it('answers an Add that waits for the first rows before the VMs, and completes behind it', async () => {
    sim = await startSimulatedPool({ hosts: 3, vms: 30, seed: 12, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    // The VM table takes its time, as a big pool's does: the Add answers without waiting for it.
    await control('/faults/latency', { method: 'VM.get_all_records', ms: 1500 });
    const summary = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false, waitFor: 'listed' });
    const mirror = xenith.server.internals.mirror;

    expect(summary.state).toBe('connecting');
    expect(summary.loading).not.toBeNull();
    expect([...mirror.ofType('host', summary.poolId)]).toHaveLength(3);
    expect([...mirror.ofType('VM', summary.poolId)]).toHaveLength(0);
    await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).poolId === summary.poolId && (e.payload as PoolSummary).state === 'connected');
    expect(diffMirror(mirror, summary.poolId, await fetchSimDump(sim.controlUrl))).toEqual([]);
  });

  it('stays equal to the pool through a reconnect in the middle of the first load, removing what went meanwhile', async () => {
    sim = await startSimulatedPool({ hosts: 3, vms: 40, seed: 13, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    await control('/faults/latency', { method: 'VM.get_all_records', ms: 1500 });
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false, waitFor: 'listed' });
    const mirror = xenith.server.internals.mirror;
    const removed: MirrorChange[] = [];
    mirror.onChanges((changes) => removed.push(...changes.filter((change) => change.kind === 'remove')));

    // While the VMs are on their way: a network goes, a host is renamed, and the connection is cut.
    const [networkRef] = Object.keys((await fetchSimDump(sim.controlUrl)).tables.network!);
    sim.engine.store.destroy('network', networkRef!);
    const hostRef = sim.hosts[1]!.ref;
    await control(`/objects/host/${hostRef}`, { name_label: 'renamed while away' });
    await control('/faults/latency', { method: 'VM.get_all_records', ms: 0 });
    await control('/connections/drop');

    await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).poolId === poolId && (e.payload as PoolSummary).state === 'connected', 60_000);
    await waitUntil(async () => diffMirror(mirror, poolId, await fetchSimDump(sim!.controlUrl)).length === 0, 'the mirror to equal the pool');
    expect(mirror.object(networkRef!)).toBeUndefined();
    expect(mirror.get(hostRef, 'host')?.name_label).toBe('renamed while away');
    // The reload replaced in place: only what is gone was removed, never the hosts the tree was showing.
    expect(removed.map((change) => [typeOf(change), change.kind === 'remove' ? change.id : ''])).toEqual([['network', networkRef]]);
    expect(statuses(xenith, poolId).some((status) => status.state === 'reconnecting')).toBe(true);
  });
});
