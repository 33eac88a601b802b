import { ApiFailure } from '../api/failure.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { mirrorNamer } from '../actions/action-context.js';
import { JobCancelledError } from '../jobs/job-cancelled.js';
import { XapiTaskFailure } from '../jobs/job-xapi.js';
import type { TaskOutcome } from '../jobs/task-watcher.js';
import type { TransferDeps } from './transfer-deps.js';
import type { JournalObject } from './transfer-journal.js';

/** The name an object of a transfer carries on its pool, unique to the transfer so a clean-up finds it by name. */
export function transferObjectName(transferId: string, what: string, vmName: string): string {
  return `[Xenith transfer ${transferId}] ${what} of ${vmName}`;
}

/**
 * Writes an object to the journal before the call that makes it, then its ref once made (by its unique name, so a
 * transfer may journal several of one role: disks and their uploads).
 */
export async function createJournalled(deps: TransferDeps, transferId: string, object: Omit<JournalObject, 'ref'>, make: () => Promise<string>): Promise<string> {
  await deps.transfers.journal.addObject(transferId, { ...object, ref: null });
  const ref = await make();
  await deps.transfers.journal.setObjectRefByName(transferId, object.side, object.name, ref);
  return ref;
}

/** The error a task's outcome stands for (null for success), told as the pool's. */
export function taskOutcomeError(deps: TransferDeps, outcome: TaskOutcome, taskRef: string, poolId: string): Error | null {
  const onPool = (error: XapiTaskFailure) => {
    const described = describePoolError(error, poolId, mirrorNamer(deps.mirror));
    return new ApiFailure(described.code, described.message, { params: described.params ?? [], poolId });
  };
  switch (outcome.status) {
    case 'success':
      return null;
    case 'failure':
      return onPool(new XapiTaskFailure(outcome.errorInfo));
    case 'cancelled':
      return new JobCancelledError();
    case 'lost':
      return onPool(new XapiTaskFailure(['TASK_LOST', taskRef]));
  }
}
