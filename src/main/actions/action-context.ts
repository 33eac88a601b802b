import type { Xapi } from 'xen-api';
import { XenithErrorCode, type ApiError } from '../../shared/api/errors.js';
import type { RefNamer } from '../../shared/xapi/error-sentences.js';
import { nameOf, type LooseXapiObject, type XapiClass, type XapiObject, type XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { JobControl, JobRegistry } from '../jobs/job-registry.js';
import { JobXapi } from '../jobs/job-xapi.js';
import type { TaskWatcher } from '../jobs/task-watcher.js';
import type { PoolManager } from '../pools/pool-manager.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';

/** What every action needs: the objects, the pools' clients, the jobs and the task watcher. */
export interface ActionDeps {
  mirror: ObjectMirror;
  pools: PoolManager;
  jobs: JobRegistry;
  watcher: TaskWatcher;
}

/** How a person calls each XAPI class in a sentence. */
const nouns: Record<string, string> = { VM: 'VM', host: 'server', pool: 'pool', SR: 'storage repository', network: 'network', VDI: 'disk', task: 'task' };

/** Names refs for error sentences from the mirror. */
export function mirrorNamer(mirror: ObjectMirror): RefNamer {
  return (ref) => nameOf(mirror.object(ref)) || undefined;
}

/** The mirrored object `id` of class `type`, typed as that class's record, or NOT_FOUND with a sentence. */
export function findObject<C extends XapiClass>(mirror: ObjectMirror, id: string, type: C): XapiRecord<C>;
/** @deprecated untyped: for a class records.gen.ts has no type for yet. */
export function findObject(mirror: ObjectMirror, id: string, type: string): LooseXapiObject;
export function findObject(mirror: ObjectMirror, id: string, type: string): XapiObject {
  const object = mirror.object(id);
  if (object?.$type === type) return object;
  const noun = nouns[type] ?? type;
  throw new ApiFailure(XenithErrorCode.notFound, `There is no ${noun} ${id} in a connected pool. It may have been deleted, or its pool disconnected.`, { params: [id] });
}

/** Refuses a target from another pool (intra-pool actions only). */
export function assertSamePool(object: XapiObject | LooseXapiObject, target: XapiObject | LooseXapiObject): void {
  if (object.$pool === target.$pool) return;
  throw new ApiFailure(XenithErrorCode.validation, `${quoted(target)} is in another pool than ${quoted(object)}. Choose one of its own pool.`, { params: [target.$id] });
}

/** The object's name in quotes, for titles and sentences. */
export function quoted(object: XapiObject | LooseXapiObject | undefined): string {
  const uuid = object && 'uuid' in object ? object.uuid : undefined;
  return `'${nameOf(object) || (typeof uuid === 'string' ? uuid : (object?.$id ?? ''))}'`;
}

/** The connected client of a pool, or a failure saying the pool is not connected. */
export function poolClient(pools: PoolManager, poolId: string): Xapi {
  const client = pools.has(poolId) ? pools.connection(poolId).client : null;
  if (!client) throw new ApiFailure('POOL_NOT_CONNECTED', 'The pool is not connected. Connect it and try again.', { poolId });
  return client;
}

/** Maps what a job's work threw to the error on the failed job (an error that names its pool keeps it: a transfer's destination). */
export function describeJobError(mirror: ObjectMirror): (error: unknown, poolId: string) => ApiError {
  return (error, poolId) => (error instanceof ApiFailure ? { ...error.apiError, poolId: error.apiError.poolId ?? poolId } : describePoolError(error, poolId, mirrorNamer(mirror)));
}

/** Runs one call on a pool right away (not as a job), turning XAPI errors into ApiFailures with sentences. */
export async function callNow<T>(deps: ActionDeps, poolId: string, run: (client: Xapi) => Promise<T>): Promise<T> {
  const client = poolClient(deps.pools, poolId);
  try {
    return await run(client);
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    const described = describePoolError(error, poolId, mirrorNamer(deps.mirror));
    throw new ApiFailure(described.code, described.message, { params: described.params ?? [], poolId });
  }
}

export interface ActionJobSpec {
  poolId: string;
  title: string;
  action: string;
  objectIds: readonly string[];
  cancellable: boolean;
}

/**
 * Starts a job that talks to one pool. Fails at once (no job) when the pool is not connected; afterwards the
 * work gets the pool's current client on every call, so it carries on across a reconnect.
 */
export function startPoolJob(deps: ActionDeps, spec: ActionJobSpec, work: (xapi: JobXapi, job: JobControl) => Promise<void>): string {
  poolClient(deps.pools, spec.poolId);
  return deps.jobs.start(spec, (job) => work(new JobXapi(() => poolClient(deps.pools, spec.poolId), deps.watcher, job), job));
}
