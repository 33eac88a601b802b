import { create } from 'zustand';
import type { XapiClass, XapiObject, XapiRecord } from '../../shared/xapi/objects.js';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { applyDeltas, emptyObjectIndex, type ObjectIndex } from './apply-delta.js';

/** Every mirrored XAPI object of every connected pool, normalised by id, with a per-class id index. */
export interface ObjectsState extends ObjectIndex {
  /** Applies one coalesced batch of delta frames as one store update. */
  applyBatch(frames: readonly ObjectsDeltaFrame[]): void;
}

export const useObjectsStore = create<ObjectsState>()((set, get) => ({
  ...emptyObjectIndex,
  applyBatch(frames) {
    const state = get();
    const next = applyDeltas(state, frames);
    if (next === state) return;
    // The UI benchmark times the tree from the moment a batch's objects reach the store, before anything renders
    // them (it observes the marks as they come; only the last is kept, so a long session does not pile them up).
    performance.clearMarks('xenith:objects-applied');
    performance.mark('xenith:objects-applied', { detail: { objects: next.objects.size } });
    set({ objects: next.objects, idsByType: next.idsByType });
  },
}));

const noIds: readonly string[] = [];

/**
 * Selects one object by its ref; the row re-renders only when that object changes. Given its class, selects the
 * object only if it is of that class, typed as that class's record.
 */
export function selectObject(id: string): (state: ObjectIndex) => XapiObject | undefined;
export function selectObject<C extends XapiClass>(id: string, type: C): (state: ObjectIndex) => XapiRecord<C> | undefined;
export function selectObject(id: string, type?: XapiClass): (state: ObjectIndex) => XapiObject | undefined {
  return (state) => {
    const object = state.objects.get(id);
    return type === undefined || object?.$type === type ? object : undefined;
  };
}

/** Selects the ids of one XAPI class (stable while no id of that class comes or goes). */
export const selectIdsOfType =
  (type: XapiClass) =>
  (state: ObjectIndex): readonly string[] =>
    state.idsByType.get(type) ?? noIds;

/** The ids of one class in one pool; use with `useShallow`, since the array is new on every call. */
export const selectIdsOfTypeInPool =
  (type: XapiClass, poolId: string) =>
  (state: ObjectIndex): readonly string[] =>
    (state.idsByType.get(type) ?? noIds).filter((id) => state.objects.get(id)?.$pool === poolId);
