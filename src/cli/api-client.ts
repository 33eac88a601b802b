import { request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import { WebSocket, type ClientOptions } from 'ws';
import type { EventName } from '../shared/api/contract.js';
import type { ApiError } from '../shared/api/errors.js';
import type { CallResult } from '../shared/api/result.js';
import { apiSocketPath, type ServerFrame } from '../shared/api/wire.js';
import type { Target } from './config-file.js';
import { CallFailedError } from './exit-codes.js';

/** How the CLI proves who it is: a named API token, the serve run's start-up token (only to register), or nothing (the local socket). */
export type Credentials = { bearer: string } | { startupToken: string } | null;

/** The headers that prove who the CLI is: a bearer token, or the start-up token's cookie (for this port). */
function credentialHeaders(base: URL, credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials && 'bearer' in credentials) headers.authorization = `Bearer ${credentials.bearer}`;
  if (credentials && 'startupToken' in credentials) {
    const port = base.port || (base.protocol === 'https:' ? '443' : '80');
    headers.cookie = `xenith_token_${port}=${encodeURIComponent(credentials.startupToken)}`;
  }
  return headers;
}

/**
 * TLS options that trust the pinned certificate only: it is the one trust anchor, and the one presented must be
 * it — checked in the handshake, before any token is sent.
 */
function pinnedTls(target: Target): Pick<ConnectionOptions, 'ca' | 'checkServerIdentity'> {
  if (target.kind !== 'url' || !target.tls) return {};
  const pin = target.tls;
  const check = (_host: string, cert: PeerCertificate) => (cert.fingerprint256 === pin.fingerprint ? undefined : new Error(`the server's certificate is not the one pinned (${pin.fingerprint})`));
  return { ca: [pin.pem], checkServerIdentity: check };
}

/** The WebSocket URL and options for a target. */
function socketAddress(target: Target, credentials: Credentials): { url: string; options: ClientOptions } {
  if (target.kind === 'socket') return { url: `ws+unix://${target.path}:${apiSocketPath}`, options: {} };
  const base = new URL(target.url);
  const url = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}${apiSocketPath}`;
  // ws hands these TLS options to Node's own tls.connect, whose types they are.
  return { url, options: { headers: credentialHeaders(base, credentials), handshakeTimeout: 15_000, ...(pinnedTls(target) as ClientOptions) } };
}

/**
 * An HTTP request to a path of the same server, with the same credentials and certificate pin as the API socket
 * (the one-time file links a file method answers).
 */
export function requestTo(target: Target, credentials: Credentials, path: string, method: 'GET' | 'PUT', headers: Record<string, string | number>): ClientRequest {
  if (target.kind === 'socket') return httpRequest({ socketPath: target.path, path, method, headers });
  const url = new URL(path, target.url);
  const options: RequestOptions = { method, headers: { ...credentialHeaders(url, credentials), ...headers } };
  return url.protocol === 'https:' ? httpsRequest(url, { ...options, ...pinnedTls(target) }) : httpRequest(url, options);
}

/** Where the CLI connects, as a person reads it. */
export function describeTarget(target: Target): string {
  return target.kind === 'socket' ? `the local socket ${target.path}` : target.url;
}

/** One contract connection: calls by name, events by name. */
export class ApiClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (result: CallResult<unknown>) => void>();
  readonly #listeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly #closeListeners = new Set<(code: number, reason: string) => void>();
  #nextId = 1;
  #closed: { code: number; reason: string } | null = null;

  private constructor(socket: WebSocket, readonly target: Target, readonly credentials: Credentials) {
    this.#socket = socket;
    socket.on('message', (data: Buffer) => this.#receive(data));
    socket.on('close', (code, reason) => {
      this.#closed = { code, reason: reason.toString() };
      const error: ApiError = { code: 'CONNECTION_CLOSED', message: `The connection to Xenith closed (${code}${reason.length ? `: ${reason.toString()}` : ''}).` };
      for (const resolve of this.#pending.values()) resolve({ ok: false, error });
      this.#pending.clear();
      for (const listener of this.#closeListeners) listener(code, reason.toString());
    });
  }

  /** Opens the API socket; a refusal or nothing listening is a CallFailedError saying what to do. */
  static open(target: Target, credentials: Credentials): Promise<ApiClient> {
    const { url, options } = socketAddress(target, credentials);
    const where = describeTarget(target);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      socket.once('open', () => resolve(new ApiClient(socket, target, credentials)));
      socket.once('unexpected-response', (_request, response) => {
        socket.terminate();
        const status = response.statusCode ?? 0;
        reject(
          status === 401
            ? new CallFailedError('UNAUTHORIZED', `${where} refused the token: it was revoked, or it is not one of this server's tokens. Register again: xenith-cli register <url> --token <token>.`)
            : new CallFailedError('CONNECTION_REFUSED', `${where} refused the connection (HTTP ${status}).`),
        );
      });
      socket.once('error', (error: Error & { code?: string }) => {
        const unreachable = ['ECONNREFUSED', 'ENOENT', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(error.code ?? '');
        reject(new CallFailedError(unreachable ? 'UNREACHABLE' : 'CONNECTION_FAILED', unreachable ? `Nothing answers at ${where}. Is Xenith running (and, for the local socket, its Settings switch on)?` : `Could not connect to ${where}: ${error.message}`));
      });
    });
  }

  call(method: string, input: unknown): Promise<CallResult<unknown>> {
    if (this.#closed) return Promise.resolve({ ok: false, error: { code: 'CONNECTION_CLOSED', message: 'The connection to Xenith is closed.' } });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#socket.send(JSON.stringify({ type: 'call', id, method, input }));
    });
  }

  /** Calls and returns the output, or throws the server's error as a CallFailedError. */
  async output<T = unknown>(method: string, input: unknown): Promise<T> {
    const result = await this.call(method, input);
    if (!result.ok) throw new CallFailedError(result.error.code, result.error.message, result.error.params ?? []);
    return result.output as T;
  }

  on(event: EventName, listener: (payload: unknown) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
    return () => set.delete(listener);
  }

  onClose(listener: (code: number, reason: string) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  close(): void {
    this.#socket.close();
  }

  #receive(data: Buffer): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data.toString('utf8')) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'result') {
      const resolve = this.#pending.get(frame.id);
      this.#pending.delete(frame.id);
      resolve?.(frame.ok ? { ok: true, output: frame.output } : { ok: false, error: frame.error });
    } else if (frame.type === 'event') {
      for (const listener of this.#listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  }
}
