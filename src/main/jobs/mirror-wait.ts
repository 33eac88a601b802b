import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import type { ObjectMirror } from '../cache/object-mirror.js';

/**
 * Waits until the mirror shows an object in the expected state (a sync call's effect arrives with the next
 * event.from batch, after the call returned). Jobs wait for it before they end, so a client that reacts to
 * "succeeded" (selecting the new VM, say) finds the object already as the job left it. Resolves false on timeout.
 */
export function mirrorShows(mirror: ObjectMirror, id: string, predicate: (object: LooseXapiObject) => boolean, timeoutMs = 10_000): Promise<boolean> {
  const holds = () => {
    const object = mirror.get(id);
    return object !== undefined && predicate(object);
  };
  if (holds()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (result: boolean) => {
      clearTimeout(timer);
      stop();
      resolve(result);
    };
    const stop = mirror.onChanges(() => {
      if (holds()) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
  });
}
