import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import type { SavedPoolsData } from '../../src/main/pools/saved-pools-file.js';
import { createSessionSecretStore } from '../../src/main/secrets/secret-store.js';
import type { PoolSummary, TrustRequest } from '../../src/shared/api/pool-schema.js';
import { diffMirror, fetchSimDump } from '../support/mirror-vs-sim.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

const stableClasses = ['pool', 'host', 'VM', 'VBD', 'VDI', 'SR', 'PBD', 'VIF', 'PIF', 'network', 'host_cpu', 'console', 'Certificate'];

let sim: SimulatedPool | undefined;
let xenith: XenithHarness | undefined;
afterEach(async () => {
  await xenith?.close();
  await sim?.stop();
  xenith = undefined;
  sim = undefined;
});

const hostPort = (url: string) => new URL(url).port;
const savedPoolsJson = async (dataDir: string) => JSON.parse(await readFile(join(dataDir, 'pools.json'), 'utf8')) as SavedPoolsData;
const control = (path: string, body: unknown = {}) =>
  fetch(`${sim!.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

describe('pool connections against the simulator', () => {
  it('adds a pool by a member address, asks about each certificate, and mirrors the pool exactly', async () => {
    sim = await startSimulatedPool({ hosts: 3, vms: 12, seed: 7, timeScale: 0.02 });
    xenith = startXenith();
    const member = sim.hosts.find((host) => !host.master)!;
    const master = sim.hosts.find((host) => host.master)!;
    const questions: TrustRequest[] = [];
    void (async () => {
      for (;;) {
        const event = await xenith!.waitForEvent((e) => e.event === 'trust.request' && !questions.some((q) => q.requestId === (e.payload as TrustRequest).requestId), 60_000).catch(() => null);
        if (!event) return;
        questions.push(event.payload as TrustRequest);
        await xenith!.call('trust.decide', { requestId: (event.payload as TrustRequest).requestId, accept: true });
      }
    })();

    const summary = await xenith.call<PoolSummary>('pool.add', {
      address: `${member.address}:${hostPort(member.url)}`, user: 'root', password: 'xenith', save: false,
    });

    expect(summary.state).toBe('connected');
    expect(summary.masterAddress).toBe(`${master.address}:${hostPort(master.url)}`);
    // First the member's certificate (before any password is sent to it), then the master's after HOST_IS_SLAVE.
    expect(questions.map((q) => [q.host, q.fingerprint, q.changed])).toEqual([
      [member.address, member.fingerprint, false],
      [master.address, master.fingerprint, false],
    ]);
    const problems = diffMirror(xenith.server.internals.mirror, summary.poolId, await fetchSimDump(sim.controlUrl), stableClasses);
    expect(problems).toEqual([]);
    // Every member is pinned from the pool database without another question.
    await waitUntil(() => sim!.hosts.every((host) => xenith!.server.internals.pins.get(host.address, Number(hostPort(host.url)))?.fingerprint === host.fingerprint), 'member pins');
  });

  it('follows a new master after the old one dies, without user action, and converges to the pool state', async () => {
    sim = await startSimulatedPool({ hosts: 3, vms: 10, seed: 3, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const [oldMaster, next] = [sim.hosts.find((h) => h.master)!, sim.hosts.find((h) => !h.master)!];
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: `${oldMaster.address}:${hostPort(oldMaster.url)}`, user: 'root', password: 'xenith', save: false });
    await waitUntil(() => sim!.hosts.every((h) => xenith!.server.internals.pins.get(h.address, Number(hostPort(h.url))) !== undefined), 'member pins');
    const questionsBefore = xenith.events.filter((e) => e.event === 'trust.request').length;

    await control(`/hosts/${next.ref}/promote`);
    await control(`/hosts/${oldMaster.ref}/kill`);
    // Change the pool while Xenith is cut off: the mirror must catch up after failover.
    const halted = Object.entries((await fetchSimDump(sim.controlUrl)).tables.VM!).find(([, vm]) => vm.power_state === 'Halted' && !vm.is_a_template && !vm.is_control_domain)!;
    await control(`/vms/${halted[0]}/start`, { host: next.ref });

    await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).state === 'reconnecting');
    const connected = await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).state === 'connected' && (e.payload as PoolSummary).masterAddress === `${next.address}:${hostPort(next.url)}`, 60_000);
    expect((connected.payload as PoolSummary).poolId).toBe(poolId);
    expect(xenith.events.filter((e) => e.event === 'trust.request').length).toBe(questionsBefore);
    await waitUntil(async () => diffMirror(xenith!.server.internals.mirror, poolId, await fetchSimDump(sim!.controlUrl), stableClasses).length === 0, 'mirror to converge');
    expect(xenith.server.internals.mirror.get(halted[0], 'VM')?.power_state).toBe('Running');
  });

  it('logs in again by itself when the session is invalidated', async () => {
    sim = await startSimulatedPool({ hosts: 1, vms: 4, seed: 5, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false });
    const invalidated = (await control('/sessions/invalidate')) as { invalidated: number };
    expect(invalidated.invalidated).toBeGreaterThan(0);
    const [vmRef, vm] = Object.entries((await fetchSimDump(sim.controlUrl)).tables.VM!).find(([, r]) => !r.is_a_template && !r.is_control_domain && !r.is_a_snapshot)!;
    const expected = vm.power_state === 'Running' ? 'Halted' : 'Running';
    await control(`/vms/${vmRef}/${expected === 'Running' ? 'start' : 'stop'}`);
    await waitUntil(() => xenith!.server.internals.mirror.get(vmRef, 'VM')?.power_state === expected, 'the VM change to reach the mirror after re-login');
    expect(xenith.server.internals.pools.connection(poolId).status.state).toBe('connected');
  });

  it('reports a wrong password clearly and keeps nothing: no pool, no object, no pin in memory or in pools.json', async () => {
    sim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 2 });
    xenith = startXenith();
    xenith.autoTrust();
    const address = new URL(sim.masterUrl).host;
    const failure = await xenith.call('pool.add', { address, user: 'root', password: 'wrong', save: true }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'SESSION_AUTHENTICATION_FAILED', message: expect.stringContaining('Incorrect user name or password') });
    // The certificate was accepted before the password was refused: the pin went with the failed pool.
    expect(xenith.events.some((e) => e.event === 'trust.request')).toBe(true);
    expect(await xenith.call('pool.list', {})).toEqual([]);
    expect(xenith.server.internals.mirror.size).toBe(0);
    expect(xenith.server.internals.pins.toJSON()).toEqual({});

    // A saved Add writes pools.json after every earlier write: the file then holds this pool's pin only.
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address, user: 'root', password: 'xenith', save: true });
    const saved = await savedPoolsJson(xenith.dataDir);
    expect(saved.pools.map((pool) => pool.poolId)).toEqual([poolId]);
    expect(Object.values(saved.pins).map((pin) => pin.poolId)).toEqual([poolId]);
  });

  it('gives up cleanly when nobody answers the certificate question: the Add fails, the question is withdrawn, nothing is pinned', async () => {
    sim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 2 });
    xenith = startXenith({ server: { trustAnswerTimeoutMs: 300 } });
    const failure = await xenith.call('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: true }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'CERTIFICATE_NOT_ANSWERED', message: expect.stringContaining('in time') });
    const question = xenith.events.find((e) => e.event === 'trust.request')!.payload as TrustRequest;
    expect(xenith.events.some((e) => e.event === 'trust.settled' && (e.payload as { requestId: string }).requestId === question.requestId)).toBe(true);
    expect(await xenith.call('trust.pending', {})).toEqual([]);
    expect(await xenith.call('pool.list', {})).toEqual([]);
    expect(xenith.server.internals.pins.toJSON()).toEqual({});
    expect(await xenith.call('trust.decide', { requestId: question.requestId, accept: true })).toEqual({ decided: false });
  });

  it('saves the members in pools.json, so a restarted Xenith reaches the new master when the old one is gone', async () => {
    sim = await startSimulatedPool({ hosts: 3, vms: 4, seed: 8, timeScale: 0.02 });
    const secrets = createSessionSecretStore();
    xenith = startXenith({ secrets });
    xenith.autoTrust();
    const dataDir = xenith.dataDir;
    const [oldMaster, next] = [sim.hosts.find((h) => h.master)!, sim.hosts.find((h) => !h.master)!];
    const port = hostPort(oldMaster.url);
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: `${oldMaster.address}:${port}`, user: 'root', password: 'xenith', save: true });
    const everyMember = sim.hosts.map((h) => `${h.address}:${port}`).sort();
    await waitUntil(async () => JSON.stringify((await savedPoolsJson(dataDir)).pools[0]?.members?.slice().sort()) === JSON.stringify(everyMember), 'members in pools.json');
    await waitUntil(async () => Object.keys((await savedPoolsJson(dataDir)).pins).length === sim!.hosts.length, 'member pins in pools.json');

    // A host's address changes in the pool database: pools.json follows.
    const third = sim.hosts.find((h) => h !== oldMaster && h !== next)!;
    await control(`/objects/host/${third.ref}`, { address: '127.0.0.254' });
    await waitUntil(async () => (await savedPoolsJson(dataDir)).pools[0]?.members?.includes(`127.0.0.254:${port}`) === true, 'the changed address in pools.json');
    await xenith.close();

    await control(`/hosts/${next.ref}/promote`);
    await control(`/hosts/${oldMaster.ref}/kill`);
    xenith = startXenith({ secrets, dataDir });
    await xenith.server.start();
    const connected = await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).state === 'connected', 60_000);
    expect(connected.payload).toMatchObject({ poolId, masterAddress: `${next.address}:${port}` });
    // Every host was pinned from the pool database last time: no question this time.
    expect(xenith.events.filter((e) => e.event === 'trust.request')).toEqual([]);
  });

  it("names the pool by its own name everywhere, follows a rename, and keeps it as the label a restart shows first", async () => {
    sim = await startSimulatedPool({ hosts: 2, vms: 2, seed: 9, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const dataDir = xenith.dataDir;
    const master = sim.hosts.find((h) => h.master)!;
    const poolRef = Object.keys((await fetchSimDump(sim.controlUrl)).tables.pool!)[0]!;
    const poolName = String((await fetchSimDump(sim.controlUrl)).tables.pool![poolRef]!.name_label);
    // The label typed in Add Pool is a name for the time before the pool answers; then the pool's own name shows.
    const added = await xenith.call<PoolSummary>('pool.add', { address: `${master.address}:${hostPort(master.url)}`, user: 'root', password: 'xenith', save: true, label: 'Demo pool (simulated)' });
    expect(added.label).toBe(poolName);

    await xenith.call('objects.edit', { objectId: poolRef, name: 'Production' });
    await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).label === 'Production');
    expect((await xenith.call<PoolSummary[]>('pool.list', {}))[0]!.label).toBe('Production');
    await waitUntil(async () => (await savedPoolsJson(dataDir)).pools[0]?.label === 'Production', 'the new name in pools.json');

    // A pool without a name is called after its master, as XenCenter does.
    await control(`/objects/pool/${poolRef}`, { name_label: '' });
    await xenith.waitForEvent((e) => e.event === 'pool.status' && (e.payload as PoolSummary).label === master.name);
  });

  it('is not "degraded" for a pool the person disconnected on purpose', async () => {
    sim = await startSimulatedPool({ hosts: 1, vms: 1, seed: 10, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const master = sim.hosts[0]!;
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: `${master.address}:${hostPort(master.url)}`, user: 'root', password: 'xenith', save: false });
    expect(await xenith.call('app.health', {})).toMatchObject({ status: 'ok', pools: { total: 1, connected: 1 } });
    await xenith.call('pool.disconnect', { poolId });
    expect(await xenith.call('app.health', {})).toMatchObject({ status: 'ok', pools: { total: 1, connected: 0 } });
  });

  it('refuses a changed certificate with a warning and never accepts it silently', async () => {
    sim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 2 });
    xenith = startXenith();
    xenith.autoTrust();
    const address = new URL(sim.masterUrl).host;
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address, user: 'root', password: 'xenith', save: false });
    const oldFingerprint = sim.hosts[0]!.fingerprint;
    const port = Number(hostPort(sim.masterUrl));
    await xenith.call('pool.disconnect', { poolId });
    await sim.stop();
    // Same address and port, new host key: what a reinstalled (or impersonated) host looks like.
    sim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 2, port });
    expect(sim.hosts[0]!.fingerprint).not.toBe(oldFingerprint);

    const xenithNow = xenith;
    const refused = xenithNow.waitForEvent((e) => e.event === 'trust.request' && (e.payload as TrustRequest).changed);
    const connecting = xenithNow.call('pool.connect', { poolId }).catch((e: unknown) => e);
    const question = (await refused).payload as TrustRequest;
    expect(question).toMatchObject({ changed: true, previousFingerprint: oldFingerprint, fingerprint: sim.hosts[0]!.fingerprint });
    await xenithNow.call('trust.decide', { requestId: question.requestId, accept: false });
    expect(await connecting).toMatchObject({ code: 'CERTIFICATE_REJECTED' });
    expect(xenithNow.server.internals.pins.get(sim.hosts[0]!.address, port)?.fingerprint).toBe(oldFingerprint);
  });
});
