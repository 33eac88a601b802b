import { describe, expect, it } from 'vitest';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { alarmText, alertRows, alertTitle, severityOf } from './alert-list.js';

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

  it('filters by pool, severity and date', () => {
    const index = testIndex([
      testRecord('message', 'OpaqueRef:a', { name: 'VM_STARTED', priority: 5, timestamp: '2026-01-01T10:00:00Z' }, 'p1'),
      testRecord('message', 'OpaqueRef:b', { name: 'VM_CRASHED', priority: 1, timestamp: '2026-01-02T10:00:00Z' }, 'p2'),
      testRecord('message', 'OpaqueRef:c', { name: 'ALARM', priority: 3, timestamp: '2026-01-03T10:00:00Z' }, 'p2'),
    ]);
    expect(alertRows(index, 10, { poolId: 'p2' }).map((row) => row.id)).toEqual(['OpaqueRef:c', 'OpaqueRef:b']);
    expect(alertRows(index, 10, { severities: new Set(['critical', 'warning']) }).map((row) => row.id)).toEqual(['OpaqueRef:c', 'OpaqueRef:b']);
    expect(alertRows(index, 10, { since: Date.parse('2026-01-02T00:00:00Z') }).map((row) => row.id)).toEqual(['OpaqueRef:c', 'OpaqueRef:b']);
  });

  it('words perfmon alarms as XenCenter does', () => {
    const body = 'value: 0.953\nconfig:\n<variable><name value="cpu_usage"/><alarm_trigger_level value="0.8"/></variable>\n';
    expect(alarmText(body)).toEqual({ title: 'CPU usage alarm', body: 'CPU usage is 95.3 % (alarm above 80.0 %).' });
    expect(alarmText('value: 1048576\nconfig:\n<variable><name value="memory_free_kib"/><alarm_trigger_level value="2097152"/>')?.body).toBe('Free memory is 1024 MiB (alarm below 2048 MiB).');
    expect(alarmText('plain text')).toBeNull();
  });
});
