import type { ObjectMirror } from '../cache/object-mirror.js';
import { normalizeFingerprint, probeCertificate } from '../trust/certificate-info.js';
import type { PinStore } from '../trust/pin-store.js';
import type { Logger } from '../logging/logger.js';

/**
 * Pins every member host from the pool database once the master is trusted: XAPI publishes each host's
 * certificate fingerprint (Certificate.fingerprint_sha256), and that answer comes over the authenticated,
 * pinned master connection. A member whose presented certificate differs is not pinned (the user will be
 * asked when Xenith first needs that host). `current` says whether the connection that asked is still live: a pin
 * is only made for a pool that is still connected (a failed or dropped Add must leave none behind).
 */
export async function pinMembersFromPoolDatabase(
  poolId: string,
  port: number,
  mirror: ObjectMirror,
  pins: PinStore,
  logger: Logger,
  current: () => boolean = () => true,
): Promise<number> {
  let pinned = 0;
  for (const host of mirror.ofType('host', poolId)) {
    if (host.address === '') continue;
    if (pins.get(host.address, port)) continue;
    // Certificate.type and fingerprint_sha256 are newer than some pools: those publish nothing to pin from.
    const published = mirror.referrers('Certificate.host', host.$id).find((certificate) => certificate.type === 'host' && certificate.fingerprint_sha256);
    if (!published?.fingerprint_sha256) continue;
    try {
      const presented = await probeCertificate(host.address, port, 5_000);
      if (!current()) return pinned;
      if (presented.fingerprint === normalizeFingerprint(published.fingerprint_sha256)) {
        pins.set(host.address, port, { fingerprint: presented.fingerprint, pem: presented.pem, poolId });
        pinned++;
      } else {
        logger.warn('member certificate differs from the one the pool publishes', { poolId, host: host.address });
      }
    } catch (error) {
      logger.warn('could not read a member certificate', { poolId, host: host.address, error: String(error) });
    }
  }
  return pinned;
}
