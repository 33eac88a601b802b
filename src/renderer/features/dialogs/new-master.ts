import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { Bridge } from '../../bridge/bridge.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { whenJobFinished } from '../../store/jobs-store.js';
import { follow, objectsOfType } from '../../store/mirror-read.js';
import { useAppStore } from '../../store/app-store.js';
import { hostsOfPool } from './pool-resources.js';

/** The pool master among `hostIds`, if one of them is. */
export function masterAmong(index: ObjectIndex, hostIds: readonly string[]): XapiRecord<'host'> | undefined {
  for (const id of hostIds) {
    const host = index.objects.get(id);
    if (host?.$type === 'host' && objectsOfType(index, 'pool', host.$pool)[0]?.master === host.$id) return host as XapiRecord<'host'>;
  }
  return undefined;
}

/** The servers that could take over as master: live, enabled, in the same pool, not among those going down. */
export function masterCandidates(index: ObjectIndex, master: XapiRecord<'host'>, leaving: readonly string[]): XapiRecord<'host'>[] {
  return hostsOfPool(index, master.$pool).filter((host) => !leaving.includes(host.$id) && host.enabled !== false && follow(index, host.metrics)?.live !== false);
}

/**
 * Runs `then` after making `newMasterId` the pool master (a job of its own, in the task panel), or at once without
 * one. A designation that fails stops there: the old master is not taken down under a pool left without one.
 */
export async function afterNewMaster(bridge: Bridge, newMasterId: string | null, then: () => Promise<unknown>): Promise<void> {
  if (newMasterId === null) {
    await then();
    return;
  }
  const started = await bridge.call('pool.designateMaster', { hostId: newMasterId });
  if (!started.ok) {
    useAppStore.getState().setError(started.error);
    return;
  }
  const jobs = await Promise.all(started.output.jobIds.map((jobId) => whenJobFinished(jobId)));
  if (jobs.every((job) => job.state === 'succeeded')) await then();
}
