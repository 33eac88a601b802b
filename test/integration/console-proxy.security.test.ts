import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { silentLogger } from '../../src/main/logging/logger.js';
import { callOverSocket, apiUrl, healthOf, rawExchange } from '../../src/main/test-support/serve-client.js';
import { clientFrame, opcodes, serverCloseCode, upgradeRequest } from '../../src/main/test-support/ws-frames.js';
import { startServeTransport, type ServeHandle } from '../../src/main/transport/serve-transport.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

let sim: SimulatedPool | undefined;
let xenith: XenithHarness | undefined;
let serve: ServeHandle | undefined;
afterEach(async () => {
  await serve?.close();
  await xenith?.close();
  await sim?.stop();
});

/** A one-host pool with a running VM, connected in Xenith, with serve mode on top. */
async function setUp() {
  sim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 7, timeScale: 0.02 });
  xenith = startXenith();
  xenith.autoTrust();
  const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false });
  const mirror = xenith.server.internals.mirror;
  const vm = [...mirror.ofType('VM', poolId)].find((o) => !o.is_a_template && !o.is_control_domain && !o.is_a_snapshot)!;
  if (vm.power_state !== 'Running') await fetch(`${sim.controlUrl}/vms/${vm.$id}/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await waitUntil(() => [...mirror.index.lookup('console.VM', vm.$id)].length > 0, 'the VM running with a console');
  serve = await startServeTransport({ server: xenith.server, staticDir: '/nonexistent', logger: silentLogger });
  return { vmRef: vm.$id, serve };
}

describe('console proxy survives what used to kill it', () => {
  it('a text frame that is not UTF-8, sent before the bridge to the host is up, closes that console with 1007', async () => {
    const { vmRef, serve } = await setUp();
    const opened = await callOverSocket(apiUrl(serve), 'console.open', { objectId: vmRef });
    expect(opened).toMatchObject({ ok: true });
    const consoleUrl = new URL((opened.output as { url: string }).url);
    // The upgrade and the bad frame in one packet: the frame is read while the proxy still waits for the host.
    const request = upgradeRequest(consoleUrl.pathname, consoleUrl.host, { Origin: `http://127.0.0.1:${serve.port}` });
    const answer = await rawExchange(Number(consoleUrl.port), Buffer.concat([Buffer.from(request, 'latin1'), clientFrame(opcodes.text, Buffer.from([0xc3, 0x28]))]));
    expect(answer).toMatch(/^HTTP\/1\.1 101/);
    expect(serverCloseCode(answer)).toBe(1007);
    expect(await healthOf(serve)).toBe('ok');
  });
});
