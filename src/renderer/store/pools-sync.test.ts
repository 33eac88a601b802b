import { beforeEach, describe, expect, it } from 'vitest';
import type { PoolSummary, TrustRequest } from '../../shared/api/pool-schema.js';
import { createFakeBridge, settle } from '../testing/fake-bridge.js';
import { selectOldestTrustRequest, usePoolsStore } from './pools-store.js';
import { startPoolsSync } from './pools-sync.js';

const pool = (poolId: string, state: PoolSummary['state'] = 'connected'): PoolSummary => ({
  poolId, label: poolId, address: `${poolId}.example`, user: 'root', saved: true, autoConnect: true, state,
  masterAddress: null, nextRetryAt: null, error: null, passwordInKeychain: true,
});
const trust = (requestId: string): TrustRequest => ({
  requestId, poolId: 'p1', host: '127.0.0.1', port: 443, fingerprint: 'AA:BB', subject: 'CN=h', issuer: 'CN=h',
  validFrom: '2025-01-01T00:00:00Z', validTo: '2035-01-01T00:00:00Z', changed: false, previousFingerprint: null,
});

beforeEach(() => usePoolsStore.setState({ pools: new Map(), trustRequests: [] }));

function setup() {
  const bridge = createFakeBridge();
  bridge.handle('pool.list', () => ({ ok: true, output: [pool('p1'), pool('p2', 'reconnecting')] }));
  bridge.handle('trust.pending', () => ({ ok: true, output: [trust('t1')] }));
  startPoolsSync(bridge);
  return bridge;
}

describe('startPoolsSync', () => {
  it('loads pools and pending certificate questions on connection', async () => {
    const bridge = setup();
    bridge.setConnected(true);
    await settle();
    const { pools, trustRequests } = usePoolsStore.getState();
    expect([...pools.keys()]).toEqual(['p1', 'p2']);
    expect(pools.get('p2')?.state).toBe('reconnecting');
    expect(trustRequests.map((request) => request.requestId)).toEqual(['t1']);
  });

  it('follows status and removal events, keeping other pools identical', async () => {
    const bridge = setup();
    bridge.setConnected(true);
    await settle();
    const p2 = usePoolsStore.getState().pools.get('p2');
    bridge.emit('pool.status', pool('p1', 'error'));
    bridge.emit('pool.status', pool('p3', 'connecting'));
    expect(usePoolsStore.getState().pools.get('p1')?.state).toBe('error');
    expect(usePoolsStore.getState().pools.get('p2')).toBe(p2);
    expect([...usePoolsStore.getState().pools.keys()]).toEqual(['p1', 'p2', 'p3']);
    bridge.emit('pool.removed', { poolId: 'p1' });
    expect([...usePoolsStore.getState().pools.keys()]).toEqual(['p2', 'p3']);
  });

  it('queues trust requests oldest first, ignores repeats and drops settled ones', () => {
    const bridge = setup();
    bridge.emit('trust.request', trust('a'));
    bridge.emit('trust.request', trust('b'));
    bridge.emit('trust.request', trust('a'));
    expect(usePoolsStore.getState().trustRequests.map((request) => request.requestId)).toEqual(['a', 'b']);
    expect(selectOldestTrustRequest(usePoolsStore.getState())?.requestId).toBe('a');
    bridge.emit('trust.settled', { requestId: 'a' });
    expect(selectOldestTrustRequest(usePoolsStore.getState())?.requestId).toBe('b');
    const before = usePoolsStore.getState().trustRequests;
    bridge.emit('trust.settled', { requestId: 'unknown' });
    expect(usePoolsStore.getState().trustRequests).toBe(before);
  });
});
