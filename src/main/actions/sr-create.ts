import type { SrLocation } from '../../shared/api/methods/sr.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { XapiSecrets } from '../secrets/xapi-secrets.js';
import { driverConfig, type DriverConfig } from '../storage/device-config.js';
import { findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { HostSteps } from './host-steps.js';

export interface SrCreateInput {
  hostId: string;
  name: string;
  description: string;
  location: SrLocation;
  reattachUuid?: string | undefined;
}

/** What a new or reattached SR needs from its location before anything is made: the discovery must be complete. */
function assertComplete(location: SrLocation): void {
  const missing = location.type === 'iscsi' && (!location.iqn || !location.scsiId) ? 'an iSCSI target and a LUN' : location.type === 'nfs' && !location.path ? 'an NFS path' : null;
  if (missing) throw new ApiFailure('VALIDATION', `Choose ${missing} first (scan the server to list them).`);
}

/** The servers whose PBD should be plugged: every server for a shared SR, the chosen one for a local SR. */
function sharingHosts(deps: ActionDeps, host: XapiRecord<'host'>, shared: boolean): XapiRecord<'host'>[] {
  if (!shared) return [host];
  const all = [...deps.mirror.ofType('host', host.$pool)];
  return [host, ...all.filter((each) => each.$id !== host.$id)];
}

/** A server where the SR is not attached, and XAPI's reason. */
interface PlugFailure {
  hostId: string;
  error: ApiError;
}

/** The servers where the new SR's PBD is not plugged, each with why (a second plug, to get XAPI's reason). */
async function plugEverywhere(xapi: JobXapi, steps: HostSteps, sr: string): Promise<PlugFailure[]> {
  const failures: PlugFailure[] = [];
  for (const pbd of await xapi.call<string[]>('SR.get_PBDs', sr)) {
    const record = await xapi.call<{ host: string; currently_attached: boolean }>('PBD.get_record', pbd);
    const error = await steps.run(record.host, async () => {
      if (!record.currently_attached) await xapi.task('PBD.plug', [pbd]);
    });
    if (error) failures.push({ hostId: record.host, error });
  }
  return failures;
}

/** SR.introduce, then one PBD per server (each with its own copy of the secrets), each plugged, then a scan. */
async function reattach(xapi: JobXapi, steps: HostSteps, secrets: XapiSecrets, input: SrCreateInput, driver: DriverConfig, hosts: readonly XapiRecord<'host'>[], uuid: string): Promise<{ sr: string; failures: PlugFailure[] }> {
  const sr = await xapi.taskRef('SR.introduce', [uuid, input.name, input.description, driver.type, driver.contentType, driver.shared, {}], [0, 0.2]);
  const failures: PlugFailure[] = [];
  try {
    const passwords = await secrets.deviceConfigFor(driver.passwords);
    for (const host of hosts) {
      const config = host === hosts[0] ? { ...driver.config, ...passwords } : await secrets.copySecrets({ ...driver.config, ...passwords });
      const pbd = await xapi.call<string>('PBD.create', { SR: sr, host: host.$id, device_config: config, other_config: {} });
      secrets.keep();
      const error = await steps.run(host.$id, () => xapi.task('PBD.plug', [pbd]).then(() => undefined));
      if (error) failures.push({ hostId: host.$id, error });
    }
    const first = failures[0]?.error;
    if (first && failures.length === hosts.length) throw new ApiFailure(first.code, `The SR could not be attached: ${first.message}`, { params: first.params ?? [] });
    await xapi.task('SR.scan', [sr], [0.8, 1]);
  } catch (error) {
    // Undo: unplug and remove what was made (PBD.destroy takes each PBD's secrets), then forget the SR record.
    for (const pbd of await xapi.call<string[]>('SR.get_PBDs', sr).catch(() => [] as string[])) {
      await xapi.call('PBD.unplug', pbd).catch(() => {});
      await xapi.call('PBD.destroy', pbd).catch(() => {});
    }
    await xapi.call('SR.forget', sr).catch(() => {});
    throw error;
  }
  return { sr, failures };
}

/** Notes naming each server the SR is not attached on, with XAPI's code and sentence, and what to do. */
export function plugFailureNotes(deps: ActionDeps, failures: readonly PlugFailure[]): string[] {
  if (failures.length === 0) return [];
  const lines = failures.map(({ hostId, error }) => `Not attached on ${quoted(deps.mirror.object(hostId))}: ${error.message} (${error.code})`);
  return [...lines, 'Fix the cause, then use Repair to attach it there.'];
}

/**
 * sr.create, the New Storage Repository wizard's Finish: a new SR (SR.create: XAPI formats the location and plugs
 * a PBD on each server that shares it) or, with `reattachUuid`, the SR already at the location attached again
 * (SR.introduce + PBD.create + PBD.plug per server + SR.scan: its disks come back, nothing is formatted). Passwords
 * become XAPI secrets. Each server is a step; servers where the SR could not be plugged are named with XAPI's
 * reason (the SR stays, for Repair). A failure before the SR exists leaves nothing behind (its secrets removed).
 */
export function runSrCreate(deps: ActionDeps, input: SrCreateInput): string {
  const host = findObject(deps.mirror, input.hostId, 'host');
  assertComplete(input.location);
  const driver = driverConfig(input.location);
  const hosts = sharingHosts(deps, host, driver.shared);
  const title = input.reattachUuid ? `Attaching SR '${input.name}'` : `Creating SR '${input.name}'`;
  const spec = { poolId: host.$pool, title, action: 'sr.create', objectIds: [host.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const namer = mirrorNamer(deps.mirror);
    const steps = new HostSteps(job, hosts.map((each) => ({ hostId: each.$id, label: `Attach on ${quoted(each)}` })), (error) => describePoolError(error, host.$pool, namer));
    const secrets = new XapiSecrets(xapi);
    let sr: string;
    let failures: PlugFailure[];
    try {
      if (input.reattachUuid) {
        ({ sr, failures } = await reattach(xapi, steps, secrets, input, driver, hosts, input.reattachUuid));
      } else {
        const config = { ...driver.config, ...(await secrets.deviceConfigFor(driver.passwords)) };
        sr = await xapi.taskRef('SR.create', [host.$id, config, 0, input.name, input.description, driver.type, driver.contentType, driver.shared, {}], [0, 0.7]);
        secrets.keep();
        failures = await plugEverywhere(xapi, steps, sr);
      }
    } catch (error) {
      await secrets.discard();
      throw error;
    }
    // ISO libraries rescan themselves so new images show up, as XenCenter sets them.
    if (driver.contentType === 'iso') await xapi.call('SR.add_to_other_config', sr, 'auto-scan', 'true').catch(() => {});
    if (failures.length > 0) job.setNotes(plugFailureNotes(deps, failures));
    await mirrorShows(deps.mirror, 'SR', sr, () => true);
    job.setResult(sr);
  });
}
