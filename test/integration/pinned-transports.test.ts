import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request as undiciRequest } from 'undici';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import { createPinnedClient } from '../../src/main/pools/pinned-client.js';
import { probeCertificate } from '../../src/main/trust/certificate-info.js';
import { PinStore } from '../../src/main/trust/pin-store.js';
import { PinnedHttpsAgent, pinnedUndiciConnector } from '../../src/main/trust/pinned-tls.js';

// xen-api uses two transports: an undici dispatcher (RPC and GET transfers) and an https agent (PUT uploads).
// Xenith replaces both with pinned ones; each must refuse a host whose certificate is not the pinned one.
let sim: SimulatedPool;
let host: string;
let port: number;
let rightPins: PinStore;
let wrongPins: PinStore;

beforeAll(async () => {
  sim = await startSimulatedPool({ hosts: 2, vms: 2, seed: 9 });
  const [master, member] = [sim.hosts.find((h) => h.master)!, sim.hosts.find((h) => !h.master)!];
  host = master.address;
  port = Number(new URL(master.url).port);
  rightPins = new PinStore();
  const presented = await probeCertificate(host, port);
  rightPins.set(host, port, { fingerprint: presented.fingerprint, pem: presented.pem });
  // The member's certificate pinned for the master's address: what a replaced (or impersonated) host looks like.
  const other = await probeCertificate(member.address, port);
  wrongPins = new PinStore();
  wrongPins.set(host, port, { fingerprint: other.fingerprint, pem: other.pem });
});
afterAll(() => sim.stop());

/** A GET through the pinned undici connector; resolves with the status or rejects with the TLS error. */
async function undiciGet(pins: PinStore): Promise<number> {
  const dispatcher = new Agent({ connect: pinnedUndiciConnector(pins) as never });
  try {
    const response = await undiciRequest(`https://${host}:${port}/`, { dispatcher });
    await response.body.dump();
    return response.statusCode;
  } finally {
    await dispatcher.close();
  }
}

/** A PUT through the pinned https agent; resolves with the status or rejects with the TLS error. */
function agentPut(pins: PinStore): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host, port, method: 'PUT', path: '/import', agent: new PinnedHttpsAgent(pins), headers: { 'content-length': '0' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('pinned transports', () => {
  it('RPC and GET transfers (undici): the pinned certificate connects, another is refused as changed', async () => {
    expect(await undiciGet(rightPins)).toBeGreaterThan(0);
    await expect(undiciGet(wrongPins)).rejects.toMatchObject({ code: 'CERTIFICATE_CHANGED' });
  });

  it('PUT uploads (https agent): the pinned certificate connects, another is refused before the request is sent', async () => {
    expect(await agentPut(rightPins)).toBeGreaterThan(0);
    await expect(agentPut(wrongPins)).rejects.toMatchObject({ code: 'CERTIFICATE_CHANGED' });
  });

  it('an unpinned, self-signed host is refused rather than trusted', async () => {
    await expect(undiciGet(new PinStore())).rejects.toMatchObject({ code: 'CERTIFICATE_UNTRUSTED' });
    await expect(agentPut(new PinStore())).rejects.toMatchObject({ code: 'CERTIFICATE_UNTRUSTED' });
  });

  it('the xen-api client built by createPinnedClient logs in only with the right pin', async () => {
    const good = createPinnedClient({ host, port }, sim.credentials, rightPins);
    await good.connect();
    expect(good.status).toBe('connected');
    await good.disconnect();
    const bad = createPinnedClient({ host, port }, sim.credentials, wrongPins);
    await expect(bad.connect()).rejects.toBeDefined();
    expect(bad.status).toBe('disconnected');
  });
});
