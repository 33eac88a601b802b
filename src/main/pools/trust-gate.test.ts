import { describe, expect, it } from 'vitest';
import { EventBus } from '../events/event-bus.js';
import type { CertificateInfo } from '../trust/certificate-info.js';
import { PinStore } from '../trust/pin-store.js';
import { TrustBroker } from '../trust/trust-broker.js';
import { ensureTrusted } from './trust-gate.js';

const seen = 'AB:'.repeat(31) + 'CD';
/** The certificate a host presents (the probe is the network's edge: nothing of Xenith's is stood in for). */
const certificate = (trustedByOs = false): CertificateInfo => ({
  host: 'xcp.example', port: 443, fingerprint: seen, pem: 'PEM', subject: 'CN=xcp', issuer: 'CN=xcp', validFrom: '', validTo: '', trustedByOs,
});

function gate() {
  const bus = new EventBus();
  const questions: unknown[] = [];
  bus.subscribe((event) => {
    if (event.event === 'trust.request') questions.push(event.payload);
  });
  return { pins: new PinStore(), broker: new TrustBroker(bus, { answerTimeoutMs: 50 }), questions };
}

describe('a fingerprint given with pool.add', () => {
  it('pins a matching certificate without asking anyone (any case, colons optional)', async () => {
    const { pins, broker, questions } = gate();
    await ensureTrusted('p1', { host: 'xcp.example', port: 443 }, pins, broker, async () => certificate(), seen.toLowerCase().replace(/:/g, ''));
    expect(pins.get('xcp.example', 443)).toMatchObject({ fingerprint: seen, poolId: 'p1' });
    expect(questions).toEqual([]);
  });

  it('refuses another certificate, naming the fingerprint seen, and pins nothing', async () => {
    const { pins, broker, questions } = gate();
    const given = '00:'.repeat(31) + '00';
    await expect(ensureTrusted('p1', { host: 'xcp.example', port: 443 }, pins, broker, async () => certificate(true), given)).rejects.toMatchObject({
      code: 'CERTIFICATE_FINGERPRINT_MISMATCH',
      params: ['xcp.example:443', seen],
    });
    expect(pins.get('xcp.example', 443)).toBeUndefined();
    expect(questions).toEqual([]);
  });

  it('without one, the person is asked as before', async () => {
    const { pins, broker, questions } = gate();
    await expect(ensureTrusted('p1', { host: 'xcp.example', port: 443 }, pins, broker, async () => certificate())).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_ANSWERED' });
    expect(questions).toEqual([expect.objectContaining({ fingerprint: seen })]);
    expect(pins.get('xcp.example', 443)).toBeUndefined();
  });
});
