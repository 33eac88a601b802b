import type { XapiRecord } from '../../shared/xapi/objects.js';
import { displayName } from './selection-facts.js';

type Vm = XapiRecord<'VM'>;
type VmOperation = Vm['allowed_operations'][number];
type PowerState = Vm['power_state'];

/**
 * The power states in which XAPI can run each VM operation. Outside them the state is a definite reason a command
 * is greyed ("'web-01' is Halted."); inside them only XAPI's allowed_operations can say no, and then it is XAPI's
 * refusal the person reads, not a guess about the state.
 */
const statesOf: Partial<Record<VmOperation, readonly PowerState[]>> = {
  start: ['Halted'],
  start_on: ['Halted'],
  clean_shutdown: ['Running'],
  clean_reboot: ['Running'],
  suspend: ['Running'],
  pause: ['Running'],
  resume: ['Suspended'],
  resume_on: ['Suspended'],
  unpause: ['Paused'],
  hard_shutdown: ['Running', 'Paused', 'Suspended'],
  hard_reboot: ['Running', 'Paused'],
  pool_migrate: ['Running', 'Paused', 'Suspended'],
  clone: ['Halted', 'Suspended'],
  copy: ['Halted', 'Suspended'],
  make_into_template: ['Halted'],
  destroy: ['Halted'],
};

/** The power state as a sentence ("is halted", "is already running"). */
function stateSentence(vm: Vm, operation: VmOperation): string {
  const state = vm.power_state.toLowerCase();
  const already = (operation === 'start' || operation === 'start_on') && vm.power_state === 'Running';
  return `'${displayName(vm)}' is ${already ? 'already ' : ''}${state}.`;
}

/**
 * Why a VM cannot run `operation` now, in true words: its power state when that rules the operation out, else
 * XAPI's own refusal (the operation is not among the VM's allowed_operations: a state XAPI knows better).
 */
export function vmOperationReason(vm: Vm, operation: VmOperation): string {
  const states = statesOf[operation];
  if (states && !states.includes(vm.power_state)) return stateSentence(vm, operation);
  return `The pool does not allow ${operation.replace(/_/g, ' ')} on '${displayName(vm)}' now.`;
}
