import { describe, expect, it } from 'vitest';
import { describeLoading, describePoolState, summarizePools } from './pool-state-text.js';

const now = Date.parse('2026-01-01T10:00:00Z');
const base = { nextRetryAt: null, error: null };

describe('describePoolState', () => {
  it('counts down to the next reconnect attempt', () => {
    expect(describePoolState({ ...base, state: 'reconnecting', nextRetryAt: '2026-01-01T10:00:11.500Z' }, now)).toEqual({ text: 'Reconnecting, next try in 12 s', tone: 'busy' });
    expect(describePoolState({ ...base, state: 'reconnecting', nextRetryAt: '2026-01-01T09:59:59Z' }, now).text).toBe('Reconnecting…');
    expect(describePoolState({ ...base, state: 'reconnecting' }, now).text).toBe('Reconnecting…');
  });

  it('shows the error sentence in error state', () => {
    const error = { code: 'SESSION_AUTHENTICATION_FAILED', message: 'Incorrect user name or password.' };
    expect(describePoolState({ ...base, state: 'error', error }, now)).toEqual({ text: 'Incorrect user name or password.', tone: 'bad' });
  });

  it('counts the VMs that arrived while a pool loads', () => {
    const loading = { vms: 3214, vmsTotal: 10_000, objects: 40_000, objectsTotal: 100_000 };
    expect(describePoolState({ ...base, state: 'connecting', loading }, now)).toEqual({ text: 'Loading 3,214 of 10,000 VMs…', tone: 'busy' });
    expect(describePoolState({ ...base, state: 'connected', loading: { ...loading, vmsTotal: null } }, now)).toEqual({ text: 'Loading 3,214 VMs…', tone: 'ok' });
    expect(describePoolState({ ...base, state: 'connected', loading: null }, now).text).toBe('Connected');
  });

  it('names the other states', () => {
    expect(describePoolState({ ...base, state: 'connected' }, now).text).toBe('Connected');
    expect(describePoolState({ ...base, state: 'connecting' }, now).text).toBe('Connecting…');
    expect(describePoolState({ ...base, state: 'disconnected' }, now).tone).toBe('idle');
  });
});

describe('summarizePools', () => {
  it('counts pools by state in a fixed order', () => {
    expect(summarizePools([{ state: 'reconnecting' }, { state: 'connected' }])).toBe('2 pools: 1 connected, 1 reconnecting');
    expect(summarizePools([{ state: 'error' }, { state: 'connected' }, { state: 'connected' }])).toBe('3 pools: 2 connected, 1 failed');
    expect(summarizePools([{ state: 'connecting' }])).toBe('1 pool: 1 connecting');
    expect(summarizePools([])).toBe('No pools');
  });
});

describe('describeLoading', () => {
  const loading = (vms: number, vmsTotal: number | null) => ({ loading: { vms, vmsTotal, objects: 0, objectsTotal: null } });

  it('sums the VMs of every pool still loading', () => {
    expect(describeLoading([loading(3000, 10_000), loading(214, 500), { loading: null }, {}])).toBe('Loading 3,214 of 10,500 VMs…');
    // VMs made during the load can pass the total counted at its start.
    expect(describeLoading([loading(502, 500)])).toBe('Loading 500 of 500 VMs…');
    expect(describeLoading([loading(10, null), loading(5, 500)])).toBe('Loading 15 VMs…');
  });

  it('is null when no pool is loading', () => {
    expect(describeLoading([{ loading: null }, {}])).toBeNull();
  });
});
