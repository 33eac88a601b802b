import type { ParsedInput } from '../../shared/api/contract.js';
import { ApiFailure } from '../api/failure.js';
import type { ActionDeps } from './action-context.js';

export type VmCreateInput = ParsedInput<'vm.create'>;

/** vm.create: the New VM wizard (first version: not yet implemented). */
export function runVmCreate(_deps: ActionDeps, _input: VmCreateInput): string {
  throw new ApiFailure('NOT_IMPLEMENTED', 'Creating VMs is not available yet.');
}
