import { describe, expect, it } from 'vitest';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { alertRows, alertTitle, severityOf } from './alert-list.js';

describe('alerts list', () => {
  it("reads XAPI's priorities and names as XenCenter does", () => {
    expect([1, 2, 3, 4, 5].map(severityOf)).toEqual(['critical', 'critical', 'warning', 'warning', 'information']);
    expect(alertTitle('VM_STARTED')).toBe('VM started');
    expect(alertTitle('HA_HOST_FAILED')).toBe('HA host failed');
  });

  it('lists the newest first with the object each one names', () => {
    const index = testIndex([
      testRecord('VM', 'OpaqueRef:vm', { uuid: 'u-vm', name_label: 'web' }),
      testRecord('message', 'OpaqueRef:m1', { name: 'VM_STARTED', priority: 5, obj_uuid: 'u-vm', timestamp: '2026-01-01T10:00:00Z', body: '' }),
      testRecord('message', 'OpaqueRef:m2', { name: 'VM_CRASHED', priority: 1, obj_uuid: 'u-gone', timestamp: '2026-01-01T11:00:00Z', body: 'crashed' }),
    ]);
    const rows = alertRows(index, 10);
    expect(rows.map((row) => [row.title, row.severity, row.object?.name_label ?? null])).toEqual([
      ['VM crashed', 'critical', null],
      ['VM started', 'information', 'web'],
    ]);
    expect(alertRows(index, 1)).toHaveLength(1);
  });
});
