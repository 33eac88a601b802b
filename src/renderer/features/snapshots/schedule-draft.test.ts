import { describe, expect, it } from 'vitest';
import { testRecord } from '../../testing/test-record.js';
import { createInput, draftOf, draftProblem, editInput, newScheduleDraft } from './schedule-draft.js';

describe('schedule drafts', () => {
  const vmss = testRecord('VMSS', 's1', { name_label: 'nightly', type: 'snapshot', frequency: 'daily', schedule: { hour: '2', min: '0' }, retained_snapshots: 7, VMs: ['vm1'] });

  it('says what blocks saving', () => {
    expect(draftProblem(newScheduleDraft())).toBe('Enter a name');
    expect(draftProblem({ ...newScheduleDraft(), name: 'x', timing: { frequency: 'weekly', hour: 0, minute: 0, days: [] } })).toBe('Choose at least one day');
    expect(draftProblem({ ...newScheduleDraft(), name: 'x', retention: 11 })).toBe('Keep between 1 and 10 snapshots');
    expect(draftProblem({ ...newScheduleDraft(['vm1']), name: 'x' })).toBeNull();
  });

  it('sends only what changed, and a whole new list of VMs', () => {
    expect(editInput(vmss, draftOf(vmss))).toEqual({ vmssId: 's1' });
    const draft = { ...draftOf(vmss), retention: 3, timing: { frequency: 'daily' as const, hour: 2, minute: 0 as const, days: ['Monday' as const] } };
    expect(editInput(vmss, draft)).toEqual({ vmssId: 's1', retention: 3 }); // days do not matter to a daily schedule
    expect(editInput(vmss, { ...draft, vmIds: new Set(['vm1', 'vm2']), name: ' renamed ' })).toEqual({ vmssId: 's1', name: 'renamed', retention: 3, vmIds: ['vm1', 'vm2'] });
    expect(createInput('p1', { ...newScheduleDraft(['vm2']), name: ' hourly ' })).toMatchObject({ poolId: 'p1', name: 'hourly', vmIds: ['vm2'], retention: 7 });
  });
});
