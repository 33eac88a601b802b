import { setTimeout as sleep } from 'node:timers/promises';
import { XenithErrorCode } from '../../shared/api/errors.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** How long Xenith waits for the pool to answer from its new master (XAPI restarts on both hosts). */
const followTimeoutMs = 120_000;
const followStepMs = 500;

/**
 * Waits until the pool answers from its new master: the old master refuses with HOST_IS_SLAVE, the connection
 * follows (see pools/), and pool.get_master names the new one through the new client. Errors on the way are the
 * switch itself.
 */
async function whenMasterIs(xapi: JobXapi, poolRef: string, hostId: string, timeoutMs = followTimeoutMs): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // While the connection follows the new master there is no client at all: that throws before any call.
    const master = await (async () => xapi.call<string>('pool.get_master', poolRef))().catch(() => null);
    if (master === hostId) return;
    if (Date.now() > deadline) throw new ApiFailure('POOL_MASTER_NOT_FOLLOWED', 'The pool did not answer from its new master in time. Check the pool in a moment: the change may still complete.');
    await sleep(followStepMs);
  }
}

/**
 * pool.designateMaster: XenCenter's "designate a new master" before the master reboots, shuts down or enters
 * maintenance mode: pool.designate_new_master, then the job ends once the pool answers from the new master, so a
 * job that follows (the old master's reboot) talks to the pool as it is now.
 */
export function runDesignateMaster(deps: ActionDeps, hostId: string): string {
  const host = findObject(deps.mirror, hostId, 'host');
  const [pool] = deps.mirror.ofType('pool', host.$pool);
  if (!pool) throw new ApiFailure('POOL_NOT_CONNECTED', 'The pool is not connected. Connect it and try again.', { poolId: host.$pool });
  if (pool.master === host.$id) throw new ApiFailure(XenithErrorCode.validation, `${quoted(host)} is already the pool master.`, { params: [host.$id] });
  const title = `Making ${quoted(host)} the pool master`;
  return startPoolJob(deps, { poolId: host.$pool, title, action: 'pool.designateMaster', objectIds: [host.$id], cancellable: false }, async (xapi) => {
    await xapi.call('pool.designate_new_master', host.$id);
    await whenMasterIs(xapi, pool.$id, host.$id);
  });
}
