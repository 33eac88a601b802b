import { create } from 'zustand';
import type { Job } from '../../shared/api/job-schema.js';

/** Xenith jobs of this server session (running and finished), by id, kept in start order. */
export interface JobsState {
  readonly jobs: ReadonlyMap<string, Job>;
  replaceJobs(jobs: readonly Job[]): void;
  upsertJob(job: Job): void;
  removeJob(jobId: string): void;
}

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: new Map(),
  replaceJobs: (jobs) => set({ jobs: new Map(jobs.map((job) => [job.jobId, job])) }),
  upsertJob: (job) =>
    set((state) => {
      const jobs = new Map(state.jobs);
      jobs.set(job.jobId, job);
      return { jobs };
    }),
  removeJob: (jobId) =>
    set((state) => {
      if (!state.jobs.has(jobId)) return {};
      const jobs = new Map(state.jobs);
      jobs.delete(jobId);
      return { jobs };
    }),
}));

/** Resolves with the job once it has finished (whatever the outcome). */
export function whenJobFinished(jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const check = (jobs: ReadonlyMap<string, Job>) => {
      const job = jobs.get(jobId);
      if (job && job.finishedAt !== null) {
        unsubscribe();
        resolve(job);
        return true;
      }
      return false;
    };
    const unsubscribe = useJobsStore.subscribe((state) => check(state.jobs));
    check(useJobsStore.getState().jobs);
  });
}
