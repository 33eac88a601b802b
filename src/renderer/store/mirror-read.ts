import { nullRef, type XapiClass, type XapiRecord } from '../../shared/xapi/objects.js';
import type { Ref } from '../../shared/xapi/ref.js';
import type { ObjectIndex } from './apply-delta.js';
import { selectObject } from './objects-store.js';

/** The object a ref points to, or undefined for OpaqueRef:NULL and objects not mirrored (yet). */
export function follow<C extends XapiClass>(index: ObjectIndex, ref: Ref<C> | undefined): XapiRecord<C> | undefined {
  // A ref of class C only ever names an object of class C.
  return ref && ref !== nullRef ? (index.objects.get(ref) as XapiRecord<C> | undefined) : undefined;
}

/** The mirrored objects of a set of refs, in the set's order (refs not mirrored are left out). */
export function followAll<C extends XapiClass>(index: ObjectIndex, refs: readonly Ref<C>[] | undefined): XapiRecord<C>[] {
  const out: XapiRecord<C>[] = [];
  for (const ref of refs ?? []) {
    const target = index.objects.get(ref);
    if (target) out.push(target as XapiRecord<C>);
  }
  return out;
}

/** Every mirrored object of one class, optionally only one Xenith pool's. */
export function objectsOfType<C extends XapiClass>(index: ObjectIndex, type: C, poolId?: string): XapiRecord<C>[] {
  const out: XapiRecord<C>[] = [];
  for (const id of index.idsByType.get(type) ?? []) {
    const object = index.objects.get(id);
    if (object && (poolId === undefined || object.$pool === poolId)) out.push(object as XapiRecord<C>);
  }
  return out;
}

/** The object `id` if it is mirrored and of class `type`. */
export function objectOf<C extends XapiClass>(index: ObjectIndex, type: C, id: string | null | undefined): XapiRecord<C> | undefined {
  return id ? selectObject(id, type)(index) : undefined;
}

export { nameOf } from '../../shared/xapi/objects.js';
