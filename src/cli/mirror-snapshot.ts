import type { ObjectsDeltaFrame } from '../shared/api/object-delta-schema.js';
import type { LooseXapiObject } from '../shared/xapi/objects.js';
import type { ApiClient } from './api-client.js';

/** Applies one objects.delta frame to a map of objects by id (a reset frame starts it over). */
export function applyFrame(objects: Map<string, LooseXapiObject>, frame: ObjectsDeltaFrame): void {
  if (frame.reset) objects.clear();
  for (const object of frame.added) objects.set(object.$id, object);
  for (const change of frame.changed) {
    const current = objects.get(change.$id);
    if (current) objects.set(change.$id, { ...current, ...change.fields });
  }
  for (const id of frame.removed) objects.delete(id);
}

/**
 * Starts this client's object stream and returns the whole mirror as it is now: the server sends the snapshot's
 * frames before it answers objects.subscribe, on the same socket, so they have all arrived once it has answered.
 * Frames after that keep coming to `onDelta`.
 */
export async function subscribeMirror(client: ApiClient, onDelta?: (frame: ObjectsDeltaFrame, objects: Map<string, LooseXapiObject>) => void): Promise<Map<string, LooseXapiObject>> {
  const objects = new Map<string, LooseXapiObject>();
  let live = false;
  client.on('objects.delta', (payload) => {
    const frame = payload as ObjectsDeltaFrame;
    if (live) onDelta?.(frame, objects);
    applyFrame(objects, frame);
  });
  await client.output('objects.subscribe', {});
  live = true;
  return objects;
}
