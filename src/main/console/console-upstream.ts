import { connect, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { WebSocket, createWebSocketStream } from 'ws';
import type { PinStore } from '../trust/pin-store.js';
import { explainTlsError, tlsOptionsFor } from '../trust/pinned-tls.js';

/** Where and how to reach one console. */
export interface UpstreamTarget {
  /** console.location, e.g. https://10.0.0.2/console?uuid=… (the VM's resident host). */
  location: string;
  /** Port to use when the location names none (the port the pool is reached on). */
  defaultPort: number;
  sessionId: string;
}

/** Why the upstream could not be opened, in the proxy's close-reason terms. */
export class UpstreamError extends Error {
  constructor(readonly reason: 'hostUnreachable' | 'sessionExpired' | 'certificateChanged' | 'refused', message: string) {
    super(message);
  }
}

function endpointOf(target: UpstreamTarget): { host: string; port: number; path: string } {
  const url = new URL(target.location);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || target.defaultPort, path: `${url.pathname}${url.search}` };
}

function classify(error: Error & { code?: string }): UpstreamError {
  if (error.code === 'CERTIFICATE_CHANGED' || error.code === 'CERTIFICATE_UNTRUSTED') return new UpstreamError('certificateChanged', error.message);
  return new UpstreamError('hostUnreachable', `The host could not be reached: ${error.message}`);
}

/**
 * XAPI's raw console form: `CONNECT /console?… HTTP/1.0` with the session cookie over TLS (checked against the
 * host's pin), `200`, then the socket is the RFB stream.
 */
export function connectWithConnect(target: UpstreamTarget, pins: PinStore): Promise<Duplex> {
  const { host, port, path } = endpointOf(target);
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect(tlsOptionsFor(pins, host, port));
    let header = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error instanceof UpstreamError ? error : classify(explainTlsError(error, pins, host, port)));
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.write(`CONNECT ${path} HTTP/1.0\r\nHost: ${host}\r\nCookie: session_id=${target.sessionId}\r\n\r\n`);
    });
    const onData = (chunk: Buffer) => {
      header = Buffer.concat([header, chunk]);
      const end = header.indexOf('\r\n\r\n');
      if (end < 0) {
        if (header.length > 16_384) fail(new UpstreamError('refused', 'The host sent an oversized console response.'));
        return;
      }
      socket.off('data', onData);
      socket.off('error', fail);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(header.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      if (status !== 200) {
        socket.destroy();
        reject(new UpstreamError(status === 401 || status === 403 ? 'sessionExpired' : 'refused', `The host refused the console (HTTP ${status}).`));
        return;
      }
      const rest = header.subarray(end + 4);
      socket.pause();
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

/** The WebSocket form (`GET /console` with Upgrade, subprotocol binary), for hosts that refuse CONNECT. */
export function connectWithWebSocket(target: UpstreamTarget, pins: PinStore): Promise<Duplex> {
  const { host, port, path } = endpointOf(target);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://${host.includes(':') ? `[${host}]` : host}:${port}${path}`, ['binary'], {
      ...tlsOptionsFor(pins, host, port),
      headers: { cookie: `session_id=${target.sessionId}` },
      perMessageDeflate: false,
    });
    ws.once('open', () => resolve(createWebSocketStream(ws)));
    ws.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      reject(new UpstreamError(status === 401 || status === 403 ? 'sessionExpired' : 'refused', `The host refused the console (HTTP ${status}).`));
    });
    ws.once('error', (error) => reject(classify(explainTlsError(error, pins, host, port))));
  });
}

/** CONNECT first; the WebSocket form when the host refuses CONNECT. */
export async function connectConsoleUpstream(target: UpstreamTarget, pins: PinStore): Promise<Duplex> {
  try {
    return await connectWithConnect(target, pins);
  } catch (error) {
    if (error instanceof UpstreamError && error.reason === 'refused') return connectWithWebSocket(target, pins);
    throw error;
  }
}
