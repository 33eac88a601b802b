import type { ApiError } from '../../shared/api/errors.js';
import { ApiFailure } from '../api/failure.js';

/** A part of a job that failed while the others carried on: which part, and XAPI's code and sentence. */
export interface StepFailure {
  readonly label: string;
  readonly error: ApiError;
}

/**
 * The error of a job whose parts each ran: one failure as it is (prefixed by its part), several as one sentence
 * naming each part with its code ("2 of 5 changes were not saved. …"); the first code leads, all are in params.
 */
export function combinedFailure(failures: readonly StepFailure[], total: number, notDone = 'changes were not saved'): ApiFailure {
  const [first] = failures as [StepFailure, ...StepFailure[]];
  if (failures.length === 1) {
    return new ApiFailure(first.error.code, `${first.label}: ${first.error.message}`, { params: first.error.params ?? [] });
  }
  const parts = failures.map((failure) => `${failure.label}: ${failure.error.message} (${failure.error.code})`);
  return new ApiFailure(first.error.code, `${failures.length} of ${total} ${notDone}. ${parts.join(' ')}`, { params: failures.map((failure) => failure.error.code) });
}
