import type { IpSettings } from '../../shared/api/methods/network.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobControl } from '../jobs/job-registry.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { normalizeFingerprint, probeCertificate } from '../trust/certificate-info.js';
import type { PinStore } from '../trust/pin-store.js';
import { findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** Actions that readdress servers also keep the certificate pins in step with the addresses. */
export interface ManagementDeps extends ActionDeps {
  pins: PinStore;
}

/** How long a server gets to answer on its new address, unless the caller says. */
export const DEFAULT_ANSWER_TIMEOUT_S = 60;

/** A PIF's IP settings, to put them back. */
interface PifIp {
  mode: string;
  ip: string;
  netmask: string;
  gateway: string;
  dns: string;
}

const ipOf = (pif: XapiRecord<'PIF'>): PifIp => ({ mode: pif.ip_configuration_mode, ip: pif.IP, netmask: pif.netmask, gateway: pif.gateway, dns: pif.DNS });

function reconfigureArgs(pif: string, ip: IpSettings | PifIp | { mode: 'None' }): unknown[] {
  if (ip.mode === 'Static') {
    const dns = 'dns' in ip ? (Array.isArray(ip.dns) ? ip.dns.join(',') : ip.dns) : '';
    return [pif, 'Static', ip.ip, ip.netmask, ip.gateway, dns];
  }
  return [pif, ip.mode, '', '', '', ''];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether the server answers TLS on `address` with its own certificate before `deadline` (epoch ms). A wrong
 * address answers nothing, or answers with someone else's certificate: both count as not back.
 */
async function answersBy(address: string, port: number, fingerprint: string | undefined, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const presented = await probeCertificate(address, port, Math.max(500, Math.min(3000, deadline - Date.now())));
      if (!fingerprint || presented.fingerprint === fingerprint) return true;
    } catch {
      // Not listening yet (or any more): try again until the deadline.
    }
    await sleep(250);
  }
  return false;
}

/** Waits until the pool's connection is live again (after its master moved), or the deadline passes. */
async function poolConnectedBy(deps: ActionDeps, poolId: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const connection = deps.pools.has(poolId) ? deps.pools.connection(poolId) : null;
    if (connection?.status.state === 'connected' && connection.client) return true;
    await sleep(250);
  }
  return false;
}

/** The fingerprint the server's certificate has: its pin at the old address, else what the pool publishes. */
function expectedFingerprint(deps: ManagementDeps, host: XapiRecord<'host'>, port: number): string | undefined {
  const pinned = deps.pins.get(host.address, port)?.fingerprint;
  if (pinned) return pinned;
  const published = deps.mirror.referrers('Certificate.host', host.$id).find((certificate) => certificate.type === 'host' && certificate.fingerprint_sha256);
  return published?.fingerprint_sha256 ? normalizeFingerprint(published.fingerprint_sha256) : undefined;
}

interface Change {
  host: XapiRecord<'host'>;
  pif: XapiRecord<'PIF'>;
  /** The management PIF before the change. */
  previous: XapiRecord<'PIF'>;
  isMaster: boolean;
  port: number;
  fingerprint: string | undefined;
}

/** Puts the management interface back on the previous PIF with its previous settings, through the pool master. */
async function rollBack(xapi: JobXapi, change: Change): Promise<void> {
  const { pif, previous } = change;
  if (pif.$id !== previous.$id) {
    await xapi.task('host.management_reconfigure', [previous.$id]);
    await xapi.task('PIF.reconfigure_ip', reconfigureArgs(pif.$id, ipOf(pif)));
  } else {
    await xapi.task('PIF.reconfigure_ip', reconfigureArgs(pif.$id, ipOf(previous)));
  }
}

/** The sentence for a master that went away: what happened, and exactly how to put it back by hand. */
function masterRecovery(change: Change, address: string, seconds: number): ApiFailure {
  const { host, previous } = change;
  return new ApiFailure(
    'MASTER_NOT_REACHABLE',
    `The pool master ${quoted(host)} did not answer on ${address} within ${seconds} s, and Xenith cannot reach it to undo the change. ` +
      `At the master's console, open xsconsole > Network and Management Interface > Configure Management Interface and choose ${previous.device} with ${previous.IP || 'its previous address'}, ` +
      `or run: xe host-management-reconfigure pif-uuid=${previous.uuid}. Xenith reconnects by itself once the master answers.`,
    { params: [host.$id, address, previous.uuid] },
  );
}

async function applyAndWatch(deps: ManagementDeps, xapi: JobXapi, job: JobControl, change: Change, ip: IpSettings, timeoutS: number): Promise<void> {
  const { host, pif, previous, port, fingerprint } = change;
  const expectedPin = deps.pins.get(host.address, port);
  // The same certificate will answer on the new address: pinned ahead, so a master's reconnect asks nobody.
  if (ip.mode === 'Static' && expectedPin) deps.pins.set(ip.ip, port, expectedPin);
  await xapi.task('PIF.reconfigure_ip', reconfigureArgs(pif.$id, ip), [0, 0.3]);
  if (pif.$id !== previous.$id) await xapi.task('host.management_reconfigure', [pif.$id], [0.3, 0.5]);
  const address = ip.mode === 'Static' ? ip.ip : await xapi.call<string>('PIF.get_IP', pif.$id);
  job.setNotes([`Waiting up to ${timeoutS} s for ${quoted(host)} to answer on ${address}…`]);
  const deadline = Date.now() + timeoutS * 1000;
  const back = (await answersBy(address, port, fingerprint, deadline)) && (!change.isMaster || (await poolConnectedBy(deps, host.$pool, deadline)));
  if (back) {
    if (expectedPin) deps.pins.set(address, port, expectedPin);
    job.setNotes([`${quoted(host)} answers on ${address}.`]);
    await mirrorShows(deps.mirror, 'host', host.$id, (object) => object.address === address, 10_000);
    return;
  }
  if (change.isMaster) throw masterRecovery(change, address, timeoutS);
  job.setNotes([`${quoted(host)} did not answer on ${address}: putting its management interface back on ${previous.device}…`]);
  try {
    await rollBack(xapi, change);
  } catch (error) {
    const reason = describePoolError(error, host.$pool, mirrorNamer(deps.mirror));
    throw new ApiFailure(reason.code, `${quoted(host)} did not answer on ${address} within ${timeoutS} s, and putting its management interface back failed: ${reason.message} At its console, run xe host-management-reconfigure pif-uuid=${previous.uuid}.`, { params: reason.params ?? [] });
  }
  const restored = await answersBy(previous.IP, port, fingerprint, Date.now() + timeoutS * 1000);
  throw new ApiFailure(
    'MANAGEMENT_ROLLED_BACK',
    `${quoted(host)} did not answer on ${address} within ${timeoutS} s, so Xenith put its management interface back on ${previous.device} (${previous.IP})` +
      (restored ? ', where it answers again.' : `; it does not answer there yet either — check the server's console.`),
    { params: [host.$id, address, previous.IP] },
  );
}

/**
 * host.configureManagement (Configure… on a server's Networking tab): the management interface gets new IP
 * settings, or moves to another NIC (PIF.reconfigure_ip on it, then host.management_reconfigure). Xenith then
 * waits for the server to answer on the new address with its own certificate. A member that does not answer in
 * time is put back as it was through the pool master; a master cannot be reached to undo anything, so the job
 * says exactly how to put it back at its console.
 */
export function runConfigureManagement(deps: ManagementDeps, pifId: string, ip: IpSettings, timeoutS = DEFAULT_ANSWER_TIMEOUT_S): string {
  const pif = findObject(deps.mirror, pifId, 'PIF');
  const host = findObject(deps.mirror, pif.host, 'host');
  const previous = host.PIFs.map((ref) => deps.mirror.get(ref, 'PIF')).find((each) => each?.management === true);
  if (!previous) throw new ApiFailure('VALIDATION', `${quoted(host)} has no management interface in the pool database; configure it at its console.`);
  if (pif.bond_slave_of !== 'OpaqueRef:NULL' && deps.mirror.get(pif.bond_slave_of, 'Bond')) throw new ApiFailure('CANNOT_PLUG_BOND_SLAVE', `${pif.device} is a member of a bond; choose the bond instead.`, { params: [pif.$id] });
  const pool = [...deps.mirror.ofType('pool', host.$pool)][0];
  const connection = deps.pools.has(host.$pool) ? deps.pools.connection(host.$pool) : null;
  const port = connection?.master?.port ?? 443;
  const change: Change = { host, pif, previous, isMaster: pool?.master === host.$id, port, fingerprint: undefined };
  change.fingerprint = expectedFingerprint(deps, host, port);
  const spec = { poolId: host.$pool, title: `Changing the management interface of ${quoted(host)}`, action: 'host.configureManagement', objectIds: [host.$id], cancellable: false };
  return startPoolJob(deps, spec, (xapi, job) => applyAndWatch(deps, xapi, job, change, ip, timeoutS));
}

/**
 * pif.configureIp (Configure… for a storage or other secondary interface): PIF.reconfigure_ip, and the purpose in
 * other_config as XenCenter records it. The management interface is configured with host.configureManagement.
 */
export function runConfigureIp(deps: ActionDeps, pifId: string, ip: IpSettings | { mode: 'None' }, purpose: string | undefined): string {
  const pif = findObject(deps.mirror, pifId, 'PIF');
  if (pif.management) throw new ApiFailure('VALIDATION', `${pif.device} is the management interface; change it with the management interface settings.`);
  const host = deps.mirror.get(pif.host, 'host');
  const spec = { poolId: pif.$pool, title: `Configuring ${pif.device} on ${quoted(host)}`, action: 'pif.configureIp', objectIds: [pif.host], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    await xapi.task('PIF.reconfigure_ip', reconfigureArgs(pif.$id, ip));
    await xapi.call('PIF.remove_from_other_config', pif.$id, 'management_purpose');
    if (ip.mode !== 'None') await xapi.call('PIF.add_to_other_config', pif.$id, 'management_purpose', purpose?.trim() || 'Storage');
  });
}
