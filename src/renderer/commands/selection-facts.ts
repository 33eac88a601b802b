import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import type { CommandSelection } from './command.js';

/** A VM a person manages: not a template, snapshot or control domain. */
export function isUserVm(object: LooseXapiObject): boolean {
  return object.$type === 'VM' && object.is_a_template !== true && object.is_a_snapshot !== true && object.is_control_domain !== true;
}

export function isTemplate(object: LooseXapiObject): boolean {
  return object.$type === 'VM' && object.is_a_template === true && object.is_a_snapshot !== true;
}

export function isHost(object: LooseXapiObject): boolean {
  return object.$type === 'host';
}

/** True when the selection is non-empty and every selected row resolved to an object passing `test`. */
export function selectionIs(selection: CommandSelection, test: (object: LooseXapiObject) => boolean): boolean {
  return selection.objects.length > 0 && selection.objects.length === selection.keys.length && selection.objects.every(test);
}

/** The one selected object (single-selection commands: rename, clone…), or undefined. */
export function singleObject(selection: CommandSelection): LooseXapiObject | undefined {
  return selection.keys.length === 1 ? selection.objects[0] : undefined;
}

export function poolIsConnected(selection: CommandSelection, object: LooseXapiObject): boolean {
  return selection.poolStates.get(object.$pool) === 'connected';
}

/** True when XAPI lists `operation` in the object's allowed_operations. */
export function allows(object: LooseXapiObject, operation: string): boolean {
  return Array.isArray(object.allowed_operations) && object.allowed_operations.includes(operation);
}

/** The name a person reads: the object's name_label, or its ref when it has none. */
export function displayName(object: LooseXapiObject): string {
  return typeof object.name_label === 'string' && object.name_label !== '' ? object.name_label : object.$id;
}

/** "'web-01'" for one object, "3 VMs" for several. */
export function describeObjects(objects: readonly LooseXapiObject[], noun: string): string {
  return objects.length === 1 ? `'${displayName(objects[0]!)}'` : `${objects.length} ${noun}s`;
}

/** The operations running on an object now (XAPI's current_operations values). */
export function currentOperations(object: LooseXapiObject): string[] {
  const ops = object.current_operations;
  return ops !== null && typeof ops === 'object' ? Object.values(ops as Record<string, unknown>).map(String) : [];
}

/**
 * Why none of `objects` can do something: the pool is not connected, an operation is running, or the state is
 * wrong ("'web-01' is Running."); undefined when there is nothing useful to add.
 */
export function whyNot(selection: CommandSelection, objects: readonly LooseXapiObject[], action: string): string | undefined {
  const first = objects[0];
  if (!first) return undefined;
  if (!poolIsConnected(selection, first)) return `The pool of '${displayName(first)}' is not connected.`;
  const busy = currentOperations(first);
  if (busy.length > 0) return `'${displayName(first)}' is busy (${busy.join(', ')}).`;
  const state = typeof first.power_state === 'string' ? ` It is ${first.power_state}.` : '';
  return `'${displayName(first)}' cannot ${action} now.${state}`;
}
