import type { ApiError } from '../../shared/api/errors.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobControl } from '../jobs/job-registry.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { XapiSecrets } from '../secrets/xapi-secrets.js';
import { callNow, findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { HostSteps } from './host-steps.js';

/** The SR's PBDs with their servers, from the mirror. */
function pbdsOf(deps: ActionDeps, sr: XapiRecord<'SR'>): XapiRecord<'PBD'>[] {
  return sr.PBDs.map((ref) => deps.mirror.get(ref, 'PBD')).filter((pbd): pbd is XapiRecord<'PBD'> => pbd !== undefined);
}

function hostName(deps: ActionDeps, hostId: string): string {
  return quoted(deps.mirror.object(hostId));
}

/** Throws the first failure of a per-server job, its sentence naming every server that failed. */
function throwFailures(deps: ActionDeps, sr: XapiRecord<'SR'>, verb: string, failures: readonly { hostId: string; error: ApiError }[]): void {
  const [first] = failures;
  if (!first) return;
  const lines = failures.map(({ hostId, error }) => `on ${hostName(deps, hostId)}: ${error.message} (${error.code})`);
  throw new ApiFailure(first.error.code, `${quoted(sr)} could not be ${verb} ${lines.join('; ')}`, { params: first.error.params ?? [] });
}

/** Unplugs every plugged PBD, one step per server; throws when a server refuses. */
async function unplugAll(deps: ActionDeps, xapi: JobXapi, job: JobControl, sr: XapiRecord<'SR'>): Promise<void> {
  const pbds = pbdsOf(deps, sr);
  const namer = mirrorNamer(deps.mirror);
  const steps = new HostSteps(job, pbds.map((pbd) => ({ hostId: pbd.host, label: `Detach from ${hostName(deps, pbd.host)}` })), (error) => describePoolError(error, sr.$pool, namer));
  const failures: { hostId: string; error: ApiError }[] = [];
  for (const pbd of pbds) {
    const error = await steps.run(pbd.host, async () => {
      if (pbd.currently_attached) await xapi.task('PBD.unplug', [pbd.$id]);
    });
    if (error) failures.push({ hostId: pbd.host, error });
  }
  throwFailures(deps, sr, 'detached', failures);
}

/**
 * sr.repair, XenCenter's Repair Storage Repository: a shared SR gets a PBD on every server that lacks one (the
 * device_config of an existing PBD, with copies of its secrets), and every unplugged PBD is plugged. One step per
 * server; servers that keep failing are named with XAPI's reason, and the job fails with the first code.
 */
export function runSrRepair(deps: ActionDeps, srId: string): string {
  const sr = findObject(deps.mirror, srId, 'SR');
  const spec = { poolId: sr.$pool, title: `Repairing SR ${quoted(sr)}`, action: 'sr.repair', objectIds: [sr.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const pbds = pbdsOf(deps, sr);
    const template = pbds[0];
    const covered = new Set(pbds.map((pbd) => pbd.host));
    const missing = sr.shared && template ? [...deps.mirror.ofType('host', sr.$pool)].filter((host) => !covered.has(host.$id)) : [];
    const targets = [...pbds.map((pbd) => ({ hostId: pbd.host, pbd: pbd.$id, attached: pbd.currently_attached })), ...missing.map((host) => ({ hostId: host.$id, pbd: null, attached: false }))];
    const namer = mirrorNamer(deps.mirror);
    const steps = new HostSteps(job, targets.map((target) => ({ hostId: target.hostId, label: `Attach on ${hostName(deps, target.hostId)}` })), (error) => describePoolError(error, sr.$pool, namer));
    const secrets = new XapiSecrets(xapi);
    const failures: { hostId: string; error: ApiError }[] = [];
    for (const target of targets) {
      const error = await steps.run(target.hostId, async () => {
        let pbd = target.pbd;
        if (!pbd) {
          const config = await secrets.copySecrets(template!.device_config);
          pbd = await xapi.call<string>('PBD.create', { SR: sr.$id, host: target.hostId, device_config: config, other_config: {} });
          secrets.keep();
        }
        if (!target.attached) await xapi.task('PBD.plug', [pbd]);
      });
      if (error) failures.push({ hostId: target.hostId, error });
    }
    await secrets.discard();
    throwFailures(deps, sr, 'attached', failures);
  });
}

/** sr.detach: every PBD unplugged (XAPI refuses while a running VM uses a disk on it there). */
export function runSrDetach(deps: ActionDeps, srId: string): string {
  const sr = findObject(deps.mirror, srId, 'SR');
  const spec = { poolId: sr.$pool, title: `Detaching SR ${quoted(sr)}`, action: 'sr.detach', objectIds: [sr.$id], cancellable: false };
  return startPoolJob(deps, spec, (xapi, job) => unplugAll(deps, xapi, job, sr));
}

/** sr.forget: detached, then SR.forget (the data stays on the storage, to be reattached with New SR). */
export function runSrForget(deps: ActionDeps, srId: string): string {
  const sr = findObject(deps.mirror, srId, 'SR');
  const spec = { poolId: sr.$pool, title: `Forgetting SR ${quoted(sr)}`, action: 'sr.forget', objectIds: [sr.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    await unplugAll(deps, xapi, job, sr);
    await xapi.task('SR.forget', [sr.$id]);
  });
}

/** sr.destroy: only with the SR's name typed back; detached, then SR.destroy (every disk on it is lost). */
export function runSrDestroy(deps: ActionDeps, srId: string, confirmName: string): string {
  const sr = findObject(deps.mirror, srId, 'SR');
  if (confirmName.trim() !== sr.name_label.trim()) {
    throw new ApiFailure('VALIDATION', `Type the SR's name, ${quoted(sr)}, to confirm that it and every disk on it are destroyed.`);
  }
  const spec = { poolId: sr.$pool, title: `Destroying SR ${quoted(sr)}`, action: 'sr.destroy', objectIds: [sr.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    await unplugAll(deps, xapi, job, sr);
    await xapi.task('SR.destroy', [sr.$id]);
  });
}

/** sr.setDefault: the pool's default SR, also for suspend images and crash dumps (as XenCenter sets all three). */
export async function setDefaultSr(deps: ActionDeps, srId: string): Promise<Record<string, never>> {
  const sr = findObject(deps.mirror, srId, 'SR');
  const pool = [...deps.mirror.ofType('pool', sr.$pool)][0];
  if (!pool) throw new ApiFailure('POOL_NOT_CONNECTED', 'The pool is not connected. Connect it and try again.', { poolId: sr.$pool });
  if (sr.content_type === 'iso' || sr.type === 'udev') throw new ApiFailure('VALIDATION', `${quoted(sr)} holds ISO images or drives; choose an SR for virtual disks.`);
  await callNow(deps, sr.$pool, async (client) => {
    await client.call('pool.set_default_SR', pool.$id, sr.$id);
    await client.call('pool.set_suspend_image_SR', pool.$id, sr.$id);
    await client.call('pool.set_crash_dump_SR', pool.$id, sr.$id);
  });
  return {};
}
