import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/api/job-schema.js';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { settle } from '../../testing/fake-bridge.js';
import { useJobsStore } from '../../store/jobs-store.js';
import { useTreeUiStore } from '../tree/tree-ui-store.js';
import { parentKeyOf, selectParentWhenDeleted } from './select-after-delete.js';

const job = (state: Job['state']): Job => ({
  jobId: 'job-d', poolId: 'p1', title: "Deleting VM 'old'", action: 'vm.delete', objectIds: ['vm-old'], state, progress: state === 'running' ? 0 : 1,
  startedAt: 1, finishedAt: state === 'running' ? null : 2, error: null, taskRefs: [], cancellable: false, resultObjectId: null,
});

afterEach(() => {
  useJobsStore.getState().replaceJobs([]);
  useTreeUiStore.setState({ selectedKey: null, selectedKeys: [] });
});

describe('after Delete', () => {
  it("the parent is the VM's server, else its pool", () => {
    const host = testRecord('host', 'h1', { name_label: 'h' });
    const index = testIndex([host]);
    expect(parentKeyOf(index, testRecord('VM', 'v1', { resident_on: 'h1' }))).toBe('host:h1');
    expect(parentKeyOf(index, testRecord('VM', 'v2', { resident_on: 'OpaqueRef:NULL' }))).toBe('pool:p1');
  });

  it('selects the parent once the delete succeeded, if the person is still on what was deleted', async () => {
    useTreeUiStore.getState().select('vm:vm-old');
    useJobsStore.getState().upsertJob(job('running'));
    selectParentWhenDeleted(['job-d'], 'vm:vm-old', 'pool:p1');
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('vm:vm-old');
    useJobsStore.getState().upsertJob(job('succeeded'));
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('pool:p1');
  });

  it('leaves a selection the person moved, and a failed delete', async () => {
    useTreeUiStore.getState().select('vm:vm-old');
    useJobsStore.getState().upsertJob(job('failed'));
    selectParentWhenDeleted(['job-d'], 'vm:vm-old', 'pool:p1');
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('vm:vm-old');
  });
});
