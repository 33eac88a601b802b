import { request, type Agent } from 'node:https';
import type { Xapi } from 'xen-api';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { poolClient } from '../actions/action-context.js';
import type { JobControl } from '../jobs/job-registry.js';
import type { ServerEndpoint } from '../pools/server-address.js';
import { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import type { TransferDeps } from './transfer-deps.js';
import { TransferMeter } from './transfer-meter.js';
import { vmDisks } from './transfer-plan.js';

/** A VM going host to host between pools: XAPI moves (or copies) the disks and, for a running VM, the memory. */
export interface StorageMotionRequest {
  vm: XapiRecord<'VM'>;
  targetPoolId: string;
  targetHostRef: string;
  /** The destination network the data travels on (host.migrate_receive). */
  transferNetworkRef: string;
  /** Every disk → a destination SR. */
  vdiMap: Readonly<Record<string, string>>;
  /** Every VIF → a destination network. */
  vifMap: Readonly<Record<string, string>>;
  /** Copy (the source stays) rather than move. */
  copy: boolean;
}

/** XAPI's migrate options: `copy` makes a copy and leaves the source. */
function options(motion: StorageMotionRequest): Record<string, string> {
  return motion.copy ? { copy: 'true' } : {};
}

/** Live when the VM runs: XAPI then moves its memory too and it keeps running. */
function isLive(motion: StorageMotionRequest): boolean {
  return motion.vm.power_state === 'Running';
}

/**
 * Asks the destination for a receive token (host.migrate_receive) and the source whether the VM can go with it
 * (VM.assert_can_migrate). Returns the token; throws XAPI's refusal (after releasing the token).
 */
export async function prepareStorageMotion(source: Xapi, target: Xapi, motion: StorageMotionRequest, release: (dest: Record<string, string>) => Promise<void>): Promise<Record<string, string>> {
  const dest = await target.call<Record<string, string>>('host.migrate_receive', motion.targetHostRef, motion.transferNetworkRef, {});
  try {
    await source.call('VM.assert_can_migrate', motion.vm.$id, dest, isLive(motion), motion.vdiMap, motion.vifMap, options(motion));
  } catch (error) {
    await release(dest);
    throw error;
  }
  return dest;
}

/**
 * Runs VM.migrate_send as the job's task (its progress is the job's, Cancel cancels it and XAPI undoes what it
 * made) and returns the VM on the destination pool, once Xenith's mirror shows it there.
 */
export async function runStorageMotion(deps: TransferDeps, motion: StorageMotionRequest, dest: Record<string, string>, job: JobControl): Promise<string> {
  const meter = new TransferMeter('storage-motion');
  const total = vmDisks(deps.mirror, motion.vm.$id).reduce((sum, disk) => sum + disk.physicalUtilisation, 0);
  meter.setTotal(total > 0 ? total : null);
  job.setTransfer(meter.snapshot());
  const reporting: JobControl = {
    ...job,
    get cancelRequested() {
      return job.cancelRequested;
    },
    setProgress(fraction) {
      // The bytes go host to host; what the panel shows is the disks' share XAPI reports done.
      const done = Math.round(fraction * (total || 0));
      if (done > meter.bytes) meter.add(done - meter.bytes);
      meter.setFraction(fraction);
      job.setProgress(fraction);
      job.setTransfer(meter.snapshot());
    },
  };
  const tracked = new JobXapi(() => poolClient(deps.pools, motion.vm.$pool), deps.watcher, reporting);
  const newVm = await tracked.taskRef('VM.migrate_send', [motion.vm.$id, dest, isLive(motion), motion.vdiMap, motion.vifMap, options(motion)]);
  meter.setFraction(1);
  job.setTransfer(meter.snapshot());
  await mirrorShows(deps.mirror, newVm, () => true);
  return newVm;
}

/**
 * Logs out the session a receive token carries (host.migrate_receive logs one in on the destination for the
 * source to use). A precheck, or a storage motion refused before it started, would otherwise leave one session per
 * attempt on the destination until XAPI collects it. Best effort: a failure changes nothing for the person.
 */
export async function releaseReceiveToken(endpoint: ServerEndpoint, agent: Agent, dest: Record<string, string>): Promise<void> {
  const sessionId = dest.session_id;
  if (!sessionId) return;
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session.logout', params: [sessionId] });
  await new Promise<void>((resolve) => {
    const req = request({ host: endpoint.host, port: endpoint.port, method: 'POST', path: '/jsonrpc', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', () => resolve());
    });
    req.on('error', () => resolve());
    req.setTimeout(10_000, () => req.destroy());
    req.end(body);
  });
}
