import type { Bridge } from '../bridge/bridge.js';
import { useJobsStore } from './jobs-store.js';

type OnError = (error: { code: string; message: string }) => void;

/** Replaces the jobs store with the server's list (on connection, and on View > Refresh). */
export async function reloadJobs(bridge: Bridge, onError?: OnError): Promise<void> {
  const result = await bridge.call('jobs.list', {});
  if (result.ok) useJobsStore.getState().replaceJobs(result.output);
  else onError?.(result.error);
}

/** Keeps the jobs store in step with the server: the whole list on every (re)connection, then `jobs.changed`. */
export function startJobsSync(bridge: Bridge, onError?: OnError): () => void {
  const store = () => useJobsStore.getState();
  const offs = [
    bridge.onConnectionChange((connected) => {
      if (connected) void reloadJobs(bridge, onError);
    }),
    bridge.subscribe('jobs.changed', ({ job, removed }) => (removed ? store().removeJob(job.jobId) : store().upsertJob(job))),
  ];
  return () => offs.forEach((off) => off());
}
