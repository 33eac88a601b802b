import { connect as connectTcp } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { connect as connectTls, type PeerCertificate } from 'node:tls';
import { WebSocket, type ClientOptions } from 'ws';

/** How a test reaches a running serve transport. */
export interface ServeAddress {
  port: number;
  token: string;
  /** True when the transport speaks TLS. */
  secure?: boolean;
}

/** The API socket's URL with the token in its query, as a non-browser client presents it. */
export function apiUrl({ port, token, secure }: ServeAddress): string {
  return `${secure ? 'wss' : 'ws'}://127.0.0.1:${port}/api?token=${token}`;
}

/**
 * Writes raw bytes to the server and resolves with everything it answers once it closes the connection
 * (also after a reset: what a client saw is what it got). With `untilHead`, it hangs up as soon as the
 * answer's head is complete (an accepted upgrade never closes by itself).
 */
export function rawExchange(port: number, bytes: string | Buffer, options: { secure?: boolean; untilHead?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = options.secure ? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }) : connectTcp({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.once(options.secure ? 'secureConnect' : 'connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.untilHead && Buffer.concat(chunks).includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** The status code of an HTTP answer read by rawExchange (0 when there was none). */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** Opens a WebSocket and resolves with the HTTP status of a refusal, or 101 when it opens. */
export function upgradeStatus(url: string, options: ClientOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, options);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(-1));
  });
}

/** Opens an API socket and resolves once it is open. */
export function openApiSocket(url: string, options: ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** Resolves with the close code and reason the server sends (or 1006 when the connection just drops). */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    socket.on('error', () => {});
    if (socket.readyState === socket.CLOSED) resolve({ code: 1006, reason: '' });
    else socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** Sends one call on an open API socket and resolves with its result frame. */
export function callOn(socket: WebSocket, id: number, method: string, input: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame.type !== 'result' || frame.id !== id) return;
      socket.off('message', onMessage);
      socket.off('close', onClose);
      resolve(frame);
    };
    const onClose = (code: number) => reject(new Error(`the server closed the socket (${code}) before answering ${method}`));
    socket.on('message', onMessage);
    socket.once('close', onClose);
    socket.send(JSON.stringify({ type: 'call', id, method, input }));
  });
}

/** Makes one contract call over a fresh API socket. */
export async function callOverSocket(url: string, method: string, input: unknown, options: ClientOptions = {}): Promise<Record<string, unknown>> {
  const socket = await openApiSocket(url, options);
  try {
    return await callOn(socket, 7, method, input);
  } finally {
    socket.close();
  }
}

/** What a live server answers to app.health over a fresh API socket. */
export async function healthOf(address: ServeAddress, options: ClientOptions = {}): Promise<unknown> {
  const frame = await callOverSocket(apiUrl(address), 'app.health', {}, options);
  return frame.ok ? (frame.output as { status: string }).status : frame.error;
}

/**
 * TLS client options that trust a server by the certificate fingerprint it printed, as a person comparing it with
 * the browser's does: the certificate is fetched first (nothing sent), compared, then made the only trust anchor
 * with its fingerprint checked again on the real connection.
 */
export async function trustByFingerprint(port: number, fingerprint: string): Promise<ClientOptions> {
  const pem = await new Promise<string>((resolve, reject) => {
    const socket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.destroy();
      resolve(new X509Certificate(der).toString());
    });
    socket.once('error', reject);
  });
  if (new X509Certificate(pem).fingerprint256 !== fingerprint) throw new Error('the server presents another certificate than the one printed');
  const checkServerIdentity = (_host: string, cert: PeerCertificate) => (cert.fingerprint256 === fingerprint ? undefined : new Error('fingerprint mismatch'));
  // ws hands these options to tls.connect, whose checkServerIdentity returns an Error or undefined; @types/ws
  // declares another signature.
  return { ca: [pem], checkServerIdentity: checkServerIdentity as unknown as ClientOptions['checkServerIdentity'] };
}
