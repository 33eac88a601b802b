import { isOfType, type ClassWith, type XapiObject, type XapiRecord } from '../../shared/xapi/objects.js';
import { isTemplate as isTemplateVm, isUserVm as isUserVmRecord } from '../features/tree/object-kinds.js';
import type { CommandSelection } from './command.js';

/** A VM a person manages: not a template, snapshot or control domain. */
export function isUserVm(object: XapiObject): object is XapiRecord<'VM'> {
  return isOfType(object, 'VM') && isUserVmRecord(object);
}

export function isTemplate(object: XapiObject): object is XapiRecord<'VM'> {
  return isOfType(object, 'VM') && isTemplateVm(object);
}

export function isHost(object: XapiObject): object is XapiRecord<'host'> {
  return isOfType(object, 'host');
}

/** True when the selection is non-empty and every selected row resolved to an object passing `test`. */
export function selectionIs(selection: CommandSelection, test: (object: XapiObject) => boolean): boolean {
  return selection.objects.length > 0 && selection.objects.length === selection.keys.length && selection.objects.every(test);
}

/** The one selected object (single-selection commands: rename, clone…), or undefined. */
export function singleObject(selection: CommandSelection): XapiObject | undefined {
  return selection.keys.length === 1 ? selection.objects[0] : undefined;
}

export function poolIsConnected(selection: CommandSelection, object: XapiObject): boolean {
  return selection.poolStates.get(object.$pool) === 'connected';
}

/** An object XAPI lists allowed operations for; the operation names are its class's own. */
type WithOperations = XapiRecord<ClassWith<'allowed_operations'>>;

/** True when XAPI lists `operation` in the object's allowed_operations. */
export function allows<T extends WithOperations>(object: T, operation: T['allowed_operations'][number]): boolean {
  return (object.allowed_operations as readonly string[]).includes(operation);
}

/** The name a person reads: the object's name_label, or its ref when it has none. */
export function displayName(object: XapiObject): string {
  return ('name_label' in object && object.name_label) || object.$id;
}

/** "'web-01'" for one object, "3 VMs" for several. */
export function describeObjects(objects: readonly XapiObject[], noun: string): string {
  return objects.length === 1 ? `'${displayName(objects[0]!)}'` : `${objects.length} ${noun}s`;
}

/** The operations running on an object now (XAPI's current_operations values). */
export function currentOperations(object: XapiObject): string[] {
  return 'current_operations' in object ? Object.values<string>(object.current_operations) : [];
}

/**
 * Why none of `objects` can do something, in true words: the pool is not connected, an operation is running, or
 * what `reason` knows of the object (a VM's power state); else that the pool does not allow it now. Undefined
 * when there is nothing useful to add.
 */
export function whyNot(selection: CommandSelection, objects: readonly XapiObject[], action: string, reason?: (object: XapiObject) => string | undefined): string | undefined {
  const first = objects[0];
  if (!first) return undefined;
  if (!poolIsConnected(selection, first)) return `The pool of '${displayName(first)}' is not connected.`;
  const busy = currentOperations(first);
  if (busy.length > 0) return `'${displayName(first)}' is busy (${busy.join(', ')}).`;
  return reason?.(first) ?? `The pool does not allow '${displayName(first)}' to ${action} now.`;
}
