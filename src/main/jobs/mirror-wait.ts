import type { LooseXapiObject, XapiClass, XapiObject, XapiRecord } from '../../shared/xapi/objects.js';
import type { ObjectMirror } from '../cache/object-mirror.js';

/**
 * Waits until the mirror shows an object in the expected state (a sync call's effect arrives with the next
 * event.from batch, after the call returned). Jobs wait for it before they end, so a client that reacts to
 * "succeeded" (selecting the new VM, say) finds the object already as the job left it. Resolves false on timeout.
 */
export function mirrorShows<C extends XapiClass>(mirror: ObjectMirror, type: C, id: string, predicate: (object: XapiRecord<C>) => boolean, timeoutMs?: number): Promise<boolean>;
/** @deprecated untyped: give the object's class. */
export function mirrorShows(mirror: ObjectMirror, id: string, predicate: (object: LooseXapiObject) => boolean, timeoutMs?: number): Promise<boolean>;
export function mirrorShows(mirror: ObjectMirror, ...args: unknown[]): Promise<boolean> {
  const typed = typeof args[1] === 'string';
  const [type, id, predicate, timeoutMs = 10_000] = (typed ? args : [undefined, ...args]) as [XapiClass | undefined, string, (object: XapiObject) => boolean, number?];
  const holds = () => {
    const object = mirror.object(id);
    return object !== undefined && (type === undefined || object.$type === type) && predicate(object);
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
