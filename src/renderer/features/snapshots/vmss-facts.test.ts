import { describe, expect, it } from 'vitest';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { describeTiming, lastRunOutcome, lastRunTime, scheduleOfVm, timingOf } from './vmss-facts.js';

describe('schedule facts', () => {
  it('reads XAPI schedule maps tolerantly and words them as XenCenter does', () => {
    const weekly = testRecord('VMSS', 's1', { frequency: 'weekly', schedule: { hour: '3', min: '30', days: 'friday,Monday' } });
    expect(timingOf(weekly)).toEqual({ frequency: 'weekly', hour: 3, minute: 30, days: ['Monday', 'Friday'] });
    expect(describeTiming(timingOf(weekly))).toBe('Every Monday and Friday at 03:30');
    expect(describeTiming({ frequency: 'hourly', hour: 0, minute: 15, days: [] })).toBe('Every hour at :15');
    expect(describeTiming({ frequency: 'daily', hour: 2, minute: 0, days: [] })).toBe('Every day at 02:00');
    expect(timingOf(testRecord('VMSS', 's2', { frequency: 'daily', schedule: { hour: '99', min: 'x' } }))).toEqual({ frequency: 'daily', hour: 0, minute: 0, days: [] });
  });

  it('knows which schedule covers a VM, when it last ran and how that went', () => {
    const vmss = testRecord('VMSS', 's1', { uuid: 'u1', name_label: 'nightly', last_run_time: '1970-01-01T00:00:00Z' });
    const vm = testRecord('VM', 'vm', { snapshot_schedule: 's1' });
    const index = testIndex([
      vmss, vm,
      testRecord('message', 'm1', { name: 'VMSS_SNAPSHOT_SUCCEEDED', obj_uuid: 'u1', timestamp: '2026-01-01T02:00:00Z', body: 'ok' }),
      testRecord('message', 'm2', { name: 'VMSS_SNAPSHOT_FAILED', obj_uuid: 'u1', timestamp: '2026-01-02T02:00:00Z', body: "VM 'db': SR_FULL" }),
      testRecord('message', 'm3', { name: 'VM_STARTED', obj_uuid: 'u1', timestamp: '2026-01-03T02:00:00Z', body: '' }),
    ]);
    expect(scheduleOfVm(index, vm)?.name_label).toBe('nightly');
    expect(scheduleOfVm(index, testRecord('VM', 'other', { snapshot_schedule: 'OpaqueRef:NULL' }))).toBeUndefined();
    expect(lastRunTime(vmss)).toBeNull();
    expect(lastRunOutcome(index, vmss)).toEqual({ failed: true, body: "VM 'db': SR_FULL", at: Date.UTC(2026, 0, 2, 2) });
  });
});
