import type { ApiError } from '../../shared/api/errors.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { Bridge } from '../bridge/bridge.js';
import { useAppStore } from '../store/app-store.js';

/** Shows an error that happened at once (the call was refused), with its sentence and code, in the frame's banner. */
export function reportFailure(error: ApiError): void {
  useAppStore.getState().setError(error);
}

/**
 * Makes a contract call for a command: a refusal is shown to the person at once; what the call started (jobs)
 * reports its own progress and failures in the task panel. Returns the output, or undefined after a failure.
 */
export async function callForCommand<M extends MethodName>(bridge: Bridge, method: M, input: MethodInput<M>): Promise<MethodOutput<M> | undefined> {
  const result = await bridge.call(method, input);
  if (result.ok) return result.output;
  reportFailure(result.error);
  return undefined;
}
