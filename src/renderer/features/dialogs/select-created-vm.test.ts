import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/api/job-schema.js';
import { settle } from '../../testing/fake-bridge.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { useJobsStore } from '../../store/jobs-store.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { useTreeUiStore } from '../tree/tree-ui-store.js';
import { obj } from './mirror-fixture.js';
import { selectCreatedWhenDone } from './select-created-vm.js';

function job(fields: Partial<Job>): Job {
  return {
    jobId: 'job-1',
    poolId: 'p1',
    title: "Cloning VM 'web-01'",
    action: 'vm.clone',
    objectIds: ['vm-web'],
    state: 'running',
    progress: 0,
    startedAt: 1,
    finishedAt: null,
    error: null,
    taskRefs: [],
    cancellable: false,
    resultObjectId: null,
    ...fields,
  };
}

afterEach(() => {
  useJobsStore.getState().replaceJobs([]);
  useObjectsStore.getState().applyBatch([{ reset: true, added: [], changed: [], removed: [] }]);
  useTreeUiStore.setState({ selectedKey: null, selectedKeys: [] });
  useDialogStore.getState().close();
});

const copyMirrored = () =>
  useObjectsStore.getState().applyBatch([{ reset: false, added: [obj('VM', 'vm-copy', { name_label: 'Copy of web-01', is_a_template: false })], changed: [], removed: [] }]);

describe('selectCreatedWhenDone', () => {
  it('selects the new VM once its job succeeded and the mirror has it, then runs the follow-up', async () => {
    useTreeUiStore.getState().select('vm:vm-web');
    const followed: string[] = [];
    useJobsStore.getState().upsertJob(job({}));
    selectCreatedWhenDone(['job-1'], (id) => followed.push(id));
    useJobsStore.getState().upsertJob(job({ state: 'succeeded', progress: 1, finishedAt: 2, resultObjectId: 'vm-copy' }));
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('vm:vm-web');
    useObjectsStore.getState().applyBatch([{ reset: false, added: [obj('VM', 'vm-copy', { name_label: 'Copy of web-01', is_a_template: false })], changed: [], removed: [] }]);
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('vm:vm-copy');
    expect(followed).toEqual(['vm-copy']);
  });

  it('leaves the selection alone when the job failed', async () => {
    useTreeUiStore.getState().select('vm:vm-web');
    useJobsStore.getState().upsertJob(job({ state: 'failed', finishedAt: 2, error: { code: 'SR_FULL', message: 'The SR is full.' } }));
    selectCreatedWhenDone(['job-1']);
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('vm:vm-web');
  });

  it('leaves the selection where the person moved it, and still runs the follow-up', async () => {
    useTreeUiStore.getState().select('vm:vm-web');
    const followed: string[] = [];
    useJobsStore.getState().upsertJob(job({}));
    selectCreatedWhenDone(['job-1'], (id) => followed.push(id));
    useTreeUiStore.getState().select('host:h1');
    copyMirrored();
    useJobsStore.getState().upsertJob(job({ state: 'succeeded', progress: 1, finishedAt: 2, resultObjectId: 'vm-copy' }));
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('host:h1');
    expect(followed).toEqual(['vm-copy']);
  });

  it('does not move the selection under an open dialog', async () => {
    useTreeUiStore.getState().select('host:h1');
    useJobsStore.getState().upsertJob(job({}));
    selectCreatedWhenDone(['job-1']);
    useDialogStore.getState().show({ kind: 'enterMaintenance', hostId: 'h1' });
    copyMirrored();
    useJobsStore.getState().upsertJob(job({ state: 'succeeded', progress: 1, finishedAt: 2, resultObjectId: 'vm-copy' }));
    await settle();
    expect(useTreeUiStore.getState().selectedKey).toBe('host:h1');
    expect(useDialogStore.getState().open?.kind).toBe('enterMaintenance');
  });
});
