import type { Bridge } from '../bridge/bridge.js';
import { useJobsStore } from './jobs-store.js';

/** Keeps the jobs store in step with the server: the whole list on every (re)connection, then `jobs.changed`. */
export function startJobsSync(bridge: Bridge, onError?: (error: { code: string; message: string }) => void): () => void {
  const store = () => useJobsStore.getState();
  const offs = [
    bridge.onConnectionChange((connected) => {
      if (!connected) return;
      void bridge.call('jobs.list', {}).then((result) => {
        if (result.ok) store().replaceJobs(result.output);
        else onError?.(result.error);
      });
    }),
    bridge.subscribe('jobs.changed', ({ job, removed }) => (removed ? store().removeJob(job.jobId) : store().upsertJob(job))),
  ];
  return () => offs.forEach((off) => off());
}
