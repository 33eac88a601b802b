import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import { consoleCloseCodes } from '../../src/shared/api/console-close.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { openConsole, rfbHandshake } from '../support/rfb-probe.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

const appOrigin = 'app://xenith';
let sim: SimulatedPool | undefined;
let xenith: XenithHarness | undefined;
afterEach(async () => {
  await xenith?.close();
  await sim?.stop();
});

const control = (path: string, body: unknown = {}) =>
  fetch(`${sim!.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

/** A pool with a VM running on a member (not the master), connected in Xenith. */
async function setUp() {
  sim = await startSimulatedPool({ hosts: 2, vms: 6, seed: 4, timeScale: 0.02 });
  xenith = startXenith();
  xenith.autoTrust();
  xenith.server.allowConsoleOrigins([appOrigin]);
  const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false });
  const member = sim.hosts.find((host) => !host.master)!;
  const mirror = xenith.server.internals.mirror;
  const vm = [...mirror.ofType('VM', poolId)].find((o) => !o.is_a_template && !o.is_control_domain && !o.is_a_snapshot)!;
  if (vm.power_state === 'Running') await control(`/vms/${vm.$id}/stop`);
  await control(`/vms/${vm.$id}/start`, { host: member.ref });
  await waitUntil(() => mirror.get(vm.$id, 'VM')?.resident_on === member.ref && [...mirror.index.lookup('console.VM', vm.$id)].length > 0, 'the VM running on the member with a console');
  return { poolId, vmRef: vm.$id, member };
}

describe('console proxy', () => {
  it('pipes the RFB console of the host the VM runs on, and each URL works once', async () => {
    const { vmRef, member } = await setUp();
    const opened = await xenith!.call<{ url: string; protocol: string; host: string }>('console.open', { objectId: vmRef });
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/console\/[\w-]{20,}$/);
    expect(opened.protocol).toBe('rfb');
    expect(opened.host).toBe(member.name);
    const probe = await openConsole(opened.url, appOrigin);
    const init = await rfbHandshake(probe);
    expect(init.version).toBe('RFB 003.003\n');
    expect(init.width).toBeGreaterThan(0);
    // The same URL a second time: refused.
    await expect(openConsole(opened.url, appOrigin)).rejects.toMatchObject({ status: 401 });
    probe.socket.close();
  });

  it('refuses a missing token, a foreign Origin and a missing Origin', async () => {
    const { vmRef } = await setUp();
    const { url } = await xenith!.call<{ url: string }>('console.open', { objectId: vmRef });
    const base = url.replace(/\/console\/.*$/, '');
    await expect(openConsole(`${base}/console/`, appOrigin)).rejects.toMatchObject({ status: 404 });
    await expect(openConsole(`${base}/console/${'x'.repeat(32)}`, appOrigin)).rejects.toMatchObject({ status: 401 });
    await expect(openConsole(url, 'https://evil.example')).rejects.toMatchObject({ status: 403 });
    await expect(openConsole(url, undefined)).rejects.toMatchObject({ status: 403 });
  });

  it('fails closed when the resident host presents another certificate than the pinned one', async () => {
    const { vmRef, member } = await setUp();
    const pins = xenith!.server.internals.pins;
    const port = Number(new URL(member.url).port);
    const real = pins.get(member.address, port)!;
    // A pin made for another certificate (the member's key "changed").
    const other = sim!.hosts.find((host) => host.master)!;
    pins.set(member.address, port, { ...pins.get(other.address, port)!, fingerprint: other.fingerprint });
    const { url } = await xenith!.call<{ url: string }>('console.open', { objectId: vmRef });
    const probe = await openConsole(url, appOrigin);
    expect((await probe.closed).code).toBe(consoleCloseCodes.certificateChanged);
    expect(real.fingerprint).toBe(member.fingerprint);
  });

  it('asks the client to reconnect when the VM reboots, and says why when its host dies', async () => {
    const { poolId, vmRef, member } = await setUp();
    const first = await openConsole((await xenith!.call<{ url: string }>('console.open', { objectId: vmRef })).url, appOrigin);
    await rfbHandshake(first);
    const session = xenith!.server.internals.pools.connection(poolId).client!;
    await session.call('VM.clean_reboot', vmRef);
    expect(await first.closed).toMatchObject({ code: consoleCloseCodes.restarted });

    await waitUntil(() => xenith!.server.internals.mirror.get(vmRef, 'VM')?.power_state === 'Running', 'the VM back up');
    const second = await openConsole((await xenith!.call<{ url: string }>('console.open', { objectId: vmRef })).url, appOrigin);
    await rfbHandshake(second);
    await control(`/hosts/${member.ref}/kill`);
    const closed = await second.closed;
    expect(closed.code).toBe(consoleCloseCodes.hostUnreachable);
    expect(closed.reason).toMatch(/host/i);
  });

  it('asks the client to reconnect when the VM migrates, and the new console comes from the new host', async () => {
    const { poolId, vmRef, member } = await setUp();
    const master = sim!.hosts.find((host) => host.master)!;
    const before = await openConsole((await xenith!.call<{ url: string }>('console.open', { objectId: vmRef })).url, appOrigin);
    await rfbHandshake(before);
    const session = xenith!.server.internals.pools.connection(poolId).client!;
    await session.call('VM.pool_migrate', vmRef, master.ref, {});
    expect(await before.closed).toMatchObject({ code: consoleCloseCodes.restarted, reason: expect.stringMatching(/moved/) });
    await waitUntil(() => xenith!.server.internals.mirror.get(vmRef, 'VM')?.resident_on === master.ref, 'the VM on the master');
    const after = await xenith!.call<{ url: string; host: string }>('console.open', { objectId: vmRef });
    expect(after.host).toBe(master.name);
    expect(after.host).not.toBe(member.name);
    const probe = await openConsole(after.url, appOrigin);
    expect((await rfbHandshake(probe)).width).toBeGreaterThan(0);
    probe.socket.close();
  });

  it("opens a host's own console (its control domain's) on that host", async () => {
    const { poolId, member } = await setUp();
    const opened = await xenith!.call<{ url: string; host: string }>('console.open', { objectId: member.ref });
    expect(opened.host).toBe(member.name);
    const probe = await openConsole(opened.url, appOrigin);
    const init = await rfbHandshake(probe);
    expect(init.width).toBeGreaterThan(0);
    probe.socket.close();
    expect(xenith!.server.internals.pools.connection(poolId).status.state).toBe('connected');
  });

  it('explains why a halted VM has no console', async () => {
    const { poolId, vmRef } = await setUp();
    await control(`/vms/${vmRef}/stop`);
    await waitUntil(() => xenith!.server.internals.mirror.get(vmRef, 'VM')?.power_state === 'Halted', 'the VM halted');
    await expect(xenith!.call('console.open', { objectId: vmRef })).rejects.toMatchObject({ code: 'VM_NOT_RUNNING', poolId });
  });
});
