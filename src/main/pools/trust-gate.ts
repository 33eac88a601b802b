import { probeCertificate, type CertificateInfo } from '../trust/certificate-info.js';
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
): Promise<void> {
  const certificate = await probe(endpoint.host, endpoint.port);
  if (certificate.trustedByOs) return;
  const pin = pins.get(endpoint.host, endpoint.port);
  if (pin?.fingerprint === certificate.fingerprint) return;
  const accepted = await broker.ask(poolId, certificate, pin);
  if (!accepted) throw new CertificateRejectedError(endpoint.host, endpoint.port);
  pins.set(endpoint.host, endpoint.port, { fingerprint: certificate.fingerprint, pem: certificate.pem, poolId });
}
