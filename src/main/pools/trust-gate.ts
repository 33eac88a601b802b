import { normalizeFingerprint, probeCertificate, type CertificateInfo } from '../trust/certificate-info.js';
import type { PinStore } from '../trust/pin-store.js';
import type { TrustBroker } from '../trust/trust-broker.js';
import type { ServerEndpoint } from './server-address.js';

/** The user refused a certificate (or the question was withdrawn). */
export class CertificateRejectedError extends Error {
  readonly code = 'CERTIFICATE_REJECTED';
  constructor(readonly host: string, readonly port: number) {
    super(`The certificate of ${host}:${port} was not accepted.`);
  }
}

/** The certificate is not the one whose fingerprint the caller gave: nothing is sent to that host. */
export class CertificateFingerprintMismatchError extends Error {
  readonly code = 'CERTIFICATE_FINGERPRINT_MISMATCH';
  readonly params: string[];
  constructor(readonly host: string, readonly port: number, seen: string) {
    super(`The certificate of ${host}:${port} has the SHA-256 fingerprint ${seen}, not the one given, so Xenith did not connect. Check it on the host (xe host-get-server-certificate) before trusting it.`);
    this.params = [`${host}:${port}`, seen];
  }
}

/**
 * Makes sure an endpoint's certificate is trusted before any credential is sent to it: trusted by the OS,
 * or pinned with the same fingerprint; otherwise the user is asked (new, or changed with a warning) and an
 * accepted certificate is pinned.
 */
export async function ensureTrusted(
  poolId: string,
  endpoint: ServerEndpoint,
  pins: PinStore,
  broker: TrustBroker,
  probe: (host: string, port: number) => Promise<CertificateInfo> = probeCertificate,
  expectedFingerprint?: string,
): Promise<void> {
  const certificate = await probe(endpoint.host, endpoint.port);
  if (expectedFingerprint !== undefined) {
    // The caller checked the fingerprint out of band: that is the decision a person would make in the dialog.
    if (normalizeFingerprint(expectedFingerprint) !== certificate.fingerprint) {
      throw new CertificateFingerprintMismatchError(endpoint.host, endpoint.port, certificate.fingerprint);
    }
    if (!certificate.trustedByOs) pins.set(endpoint.host, endpoint.port, { fingerprint: certificate.fingerprint, pem: certificate.pem, poolId });
    return;
  }
  if (certificate.trustedByOs) return;
  const pin = pins.get(endpoint.host, endpoint.port);
  if (pin?.fingerprint === certificate.fingerprint) return;
  const accepted = await broker.ask(poolId, certificate, pin);
  if (!accepted) throw new CertificateRejectedError(endpoint.host, endpoint.port);
  pins.set(endpoint.host, endpoint.port, { fingerprint: certificate.fingerprint, pem: certificate.pem, poolId });
}
