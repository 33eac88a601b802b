import { nullRef, type LooseXapiObject } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { compareNames } from '../tree/name-order.js';

/**
 * Tolerant readers for mirrored fields. Classes the generated field table knows arrive normalised; the others
 * (PIF_metrics, for one) keep the transport's shapes, so numbers may be strings and booleans "true".
 */

export function text(object: LooseXapiObject | undefined, field: string): string {
  const value = object?.[field];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function num(object: LooseXapiObject | undefined, field: string): number {
  const value = object?.[field];
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

export function flag(object: LooseXapiObject | undefined, field: string): boolean {
  const value = object?.[field];
  return value === true || value === 'true';
}

export function refs(object: LooseXapiObject | undefined, field: string): readonly string[] {
  const value = object?.[field];
  return Array.isArray(value) ? (value as string[]) : [];
}

export function map(object: LooseXapiObject | undefined, field: string): Readonly<Record<string, string>> {
  const value = object?.[field];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
}

/** The object a ref field points to, or undefined for OpaqueRef:NULL and objects not mirrored (yet). */
export function follow(index: ObjectIndex, object: LooseXapiObject | undefined, field: string): LooseXapiObject | undefined {
  const ref = text(object, field);
  return ref && ref !== nullRef ? index.objects.get(ref) : undefined;
}

/** The objects of a set-of-refs field that are mirrored, in the field's order. */
export function followAll(index: ObjectIndex, object: LooseXapiObject | undefined, field: string): LooseXapiObject[] {
  const out: LooseXapiObject[] = [];
  for (const ref of refs(object, field)) {
    const target = index.objects.get(ref);
    if (target) out.push(target);
  }
  return out;
}

/** Every mirrored object of one class, optionally only one Xenith pool's. */
export function objectsOfType(index: ObjectIndex, type: string, poolId?: string): LooseXapiObject[] {
  const out: LooseXapiObject[] = [];
  for (const id of index.idsByType.get(type) ?? []) {
    const object = index.objects.get(id);
    if (object && (poolId === undefined || object.$pool === poolId)) out.push(object);
  }
  return out;
}

/** An object's name_label, or a fallback when it has none. */
export function nameOf(object: LooseXapiObject | undefined, fallback = ''): string {
  const name = text(object, 'name_label');
  return name || fallback;
}

/** Natural, case-insensitive order (vm-2 before vm-10): the tree's own name order. */
export const compareNatural = compareNames;

/** Sorts objects by name naturally, then by ref, so equal names keep a stable order. */
export function byName(a: LooseXapiObject, b: LooseXapiObject): number {
  return compareNatural(nameOf(a), nameOf(b)) || (a.$id < b.$id ? -1 : a.$id > b.$id ? 1 : 0);
}
