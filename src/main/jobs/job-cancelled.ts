/** Thrown inside a job's work when the person cancelled it: the job ends `cancelled`, not `failed`. */
export class JobCancelledError extends Error {
  readonly code = 'TASK_CANCELLED';

  constructor() {
    super('The job was cancelled.');
    this.name = 'JobCancelledError';
  }
}
