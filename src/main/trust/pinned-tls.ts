import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import { connect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP, type Socket } from 'node:net';
import { normalizeFingerprint } from './certificate-info.js';
import type { PinStore } from './pin-store.js';

/** Raised when a host's certificate is neither trusted by the OS nor pinned. */
export class UntrustedCertificateError extends Error {
  readonly code = 'CERTIFICATE_UNTRUSTED';
  constructor(readonly host: string, readonly port: number) {
    super(`The certificate of ${host}:${port} is not trusted yet.`);
  }
}

/** Raised when a pinned host presents another certificate. */
export class CertificateChangedError extends Error {
  readonly code = 'CERTIFICATE_CHANGED';
  constructor(readonly host: string, readonly port: number, readonly presented: string, readonly pinned: string) {
    super(`The certificate of ${host}:${port} has changed since it was trusted.`);
  }
}

/**
 * TLS options for one endpoint: with a pin, the pinned certificate is the only trust anchor and its
 * fingerprint must match exactly; without one, the OS trust store decides. Verification happens during the
 * handshake, before a request (and its session id or password) is written.
 */
export function tlsOptionsFor(pins: PinStore, host: string, port: number): ConnectionOptions {
  const pin = pins.get(host, port);
  const base: ConnectionOptions = { host, port, servername: isIP(host) ? undefined : host, minVersion: 'TLSv1.2' };
  if (!pin) return { ...base, rejectUnauthorized: true };
  return {
    ...base,
    rejectUnauthorized: true,
    ca: [pin.pem],
    checkServerIdentity: (_name: string, cert: PeerCertificate) => {
      const presented = normalizeFingerprint(cert.fingerprint256);
      return presented === pin.fingerprint ? undefined : new CertificateChangedError(host, port, presented, pin.fingerprint);
    },
  };
}

/** Turns a handshake failure into an error that says what to do about trust. */
export function explainTlsError(error: Error & { code?: string }, pins: PinStore, host: string, port: number): Error {
  if (error instanceof CertificateChangedError || error instanceof UntrustedCertificateError) return error;
  const trustCodes = ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE'];
  if (error.code && trustCodes.includes(error.code)) {
    const pin = pins.get(host, port);
    return pin ? new CertificateChangedError(host, port, '(unknown)', pin.fingerprint) : new UntrustedCertificateError(host, port);
  }
  return error;
}

/** An undici `connect` function enforcing the pins (used as xen-api's RPC and GET transport). */
export function pinnedUndiciConnector(pins: PinStore) {
  return (
    options: { hostname: string; host?: string; port: string | number; protocol: string },
    callback: (error: Error | null, socket: Socket | TLSSocket | null) => void,
  ): void => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const socket = connect(tlsOptionsFor(pins, host, port));
    socket.setNoDelay(true);
    const onError = (error: Error) => callback(explainTlsError(error, pins, host, port), null);
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      socket.removeListener('error', onError);
      callback(null, socket);
    });
  };
}

/** An https.Agent enforcing the pins (xen-api uses one for PUT uploads). */
export class PinnedHttpsAgent extends HttpsAgent {
  readonly #pins: PinStore;

  constructor(pins: PinStore, options: AgentOptions = {}) {
    super({ keepAlive: false, ...options });
    this.#pins = pins;
  }

  /** Same as the base agent, with this endpoint's pinned trust settings forced on. */
  override createConnection(options: ConnectionOptions & { host?: string; port?: number }): Socket {
    const host = String(options.host ?? 'localhost').replace(/^\[|\]$/g, '');
    const port = Number(options.port ?? 443);
    const socket = connect({ ...options, ...tlsOptionsFor(this.#pins, host, port) });
    // The request sees the socket's error object itself, so a handshake refusal is given the same code and
    // sentence as on the RPC path (CERTIFICATE_CHANGED / CERTIFICATE_UNTRUSTED) before anyone else sees it.
    socket.prependOnceListener('error', (error: Error & { code?: string }) => {
      const explained = explainTlsError(error, this.#pins, host, port);
      if (explained !== error) Object.assign(error, { code: (explained as Error & { code: string }).code, message: explained.message });
    });
    return socket;
  }
}
