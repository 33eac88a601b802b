import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '../events/event-bus.js';
import { EventBus } from '../events/event-bus.js';
import type { CertificateInfo } from './certificate-info.js';
import { CertificateNotAnsweredError, TrustBroker } from './trust-broker.js';

const certificate: CertificateInfo = {
  host: '192.0.2.7',
  port: 443,
  fingerprint: 'AA:BB',
  pem: '-----BEGIN CERTIFICATE-----',
  subject: 'CN=xcp-host',
  issuer: 'CN=xcp-host',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2036-01-01T00:00:00.000Z',
  trustedByOs: false,
};

describe('TrustBroker', () => {
  let bus: EventBus;
  let events: ServerEvent[];
  beforeEach(() => {
    vi.useFakeTimers();
    bus = new EventBus();
    events = [];
    bus.subscribe((event) => events.push(event));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives up on a question nobody answers: every waiter fails, every window dismisses it, a late answer is refused', async () => {
    const broker = new TrustBroker(bus, { answerTimeoutMs: 60_000 });
    const first = broker.ask('p1', certificate, undefined);
    const second = broker.ask('p1', certificate, undefined);
    const outcomes = Promise.allSettled([first, second]);
    const { requestId } = events.find((event) => event.event === 'trust.request')!.payload as { requestId: string };
    expect(events.filter((event) => event.event === 'trust.request')).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(59_999);
    expect(broker.pending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: 'rejected', reason: expect.any(CertificateNotAnsweredError) });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'CERTIFICATE_NOT_ANSWERED', host: '192.0.2.7', port: 443 } });
    expect(events.at(-1)).toEqual({ event: 'trust.settled', payload: { requestId } });
    expect(broker.pending()).toEqual([]);
    expect(broker.decide(requestId, true)).toBe(false);
  });

  it('an answer in time settles every waiter and stops the clock', async () => {
    const broker = new TrustBroker(bus, { answerTimeoutMs: 60_000 });
    const answer = broker.ask('p1', certificate, undefined);
    const { requestId } = events[0]!.payload as { requestId: string };
    expect(broker.decide(requestId, true)).toBe(true);
    expect(await answer).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
