import { describe, expect, it } from 'vitest';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { alertCount, countsAsAlert } from './alert-count.js';

describe('the status bar alert count', () => {
  it('counts XAPI priorities 1 to 3, not routine messages', () => {
    expect([0, 1, 2, 3, 4, 5, Number.NaN].map(countsAsAlert)).toEqual([false, true, true, true, false, false, false]);
    const index = testIndex([
      testRecord('message', 'OpaqueRef:m1', { name: 'VM_STARTED', priority: 5 }),
      testRecord('message', 'OpaqueRef:m2', { name: 'POOL_MASTER_TRANSITION', priority: 4 }),
      testRecord('message', 'OpaqueRef:m3', { name: 'HA_HOST_FAILED', priority: 3 }),
      testRecord('message', 'OpaqueRef:m4', { name: 'VM_CRASHED', priority: 2 }),
      testRecord('message', 'OpaqueRef:m5', { name: 'ALARM', priority: 1 }),
    ]);
    expect(alertCount(index)).toBe(3);
  });
});
