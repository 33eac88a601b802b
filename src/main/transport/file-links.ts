import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import type { TransferLink } from '../../shared/api/methods/files.js';
import { ApiFailure } from '../api/failure.js';

/** The path prefix of one-time file links on the serve origin. */
export const fileLinkPrefix = '/files/';

/** A browser's download, once it arrived: where the bytes go. */
export interface DownloadExchange {
  sink: Writable;
  /** Ends the download as failed (the browser shows it failed, never a short file as complete). */
  fail(): void;
}

/** A browser's upload, once it arrived: the bytes, and how long the uploader says they are. */
export interface UploadExchange {
  source: Readable;
  length: number | null;
  /** Answers the uploader once the job knows how the import went. */
  answer(ok: boolean, message: string): void;
}

/** A link a job offered, waiting for its request. */
export type PendingLink =
  | { direction: 'download'; fileName: string; contentType: string; accept(exchange: DownloadExchange): void }
  | { direction: 'upload'; size: number | null; accept(exchange: UploadExchange): void };

/** What the job holds: the link to hand the browser, and the exchange it waits for. */
export interface OfferedLink<T> {
  link: TransferLink;
  exchange: Promise<T>;
  /** Takes the link back (the job ended first): a request arriving later is refused. */
  withdraw(reason: Error): void;
}

/**
 * One-time download and upload links for serve mode (`/files/<token>`): random, good for one request, for a
 * limited time, and only for the direction offered. The transport checks who asks (the page's origin, its token
 * cookie or an API token) before it claims one; the job that offered it gets the request's stream.
 */
export class FileLinks {
  readonly #pending = new Map<string, { link: PendingLink; fail(error: Error): void; timer: NodeJS.Timeout }>();
  readonly #lifetimeMs: number;
  #transports = 0;

  constructor(lifetimeMs = 60_000) {
    this.#lifetimeMs = lifetimeMs;
  }

  /**
   * A transport serving `/files/<token>` (serve mode's, the desktop's local socket) registers while it listens;
   * links are offered only then — otherwise nothing could ever claim one. Returns the release.
   */
  servedBy(): () => void {
    this.#transports++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#transports--;
    };
  }

  /** Whether any transport serves the links now. */
  get served(): boolean {
    return this.#transports > 0;
  }

  offerDownload(fileName: string, contentType = 'application/octet-stream'): OfferedLink<DownloadExchange> {
    return this.#offer<DownloadExchange>((accept) => ({ direction: 'download', fileName, contentType, accept }), 'download');
  }

  offerUpload(size: number | null): OfferedLink<UploadExchange> {
    return this.#offer<UploadExchange>((accept) => ({ direction: 'upload', size, accept }), 'upload');
  }

  #offer<T>(make: (accept: (exchange: T) => void) => PendingLink, what: string): OfferedLink<T> {
    const token = randomBytes(24).toString('base64url');
    const expiresAt = Date.now() + this.#lifetimeMs;
    let settle: { resolve(exchange: T): void; reject(error: Error): void };
    const exchange = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
    exchange.catch(() => {});
    const timer = setTimeout(() => {
      this.#pending.delete(token);
      settle.reject(new ApiFailure('TRANSFER_LINK_EXPIRED', `The browser did not start the ${what} within ${Math.round(this.#lifetimeMs / 1000)} seconds, so the link expired. Try again.`));
    }, this.#lifetimeMs);
    timer.unref?.();
    const link = make((value) => settle.resolve(value as T));
    this.#pending.set(token, { link, fail: (error) => settle.reject(error), timer });
    return {
      link: { url: `${fileLinkPrefix}${token}`, expiresAt },
      exchange,
      withdraw: (reason) => {
        const entry = this.#pending.get(token);
        if (!entry) return;
        clearTimeout(entry.timer);
        this.#pending.delete(token);
        entry.fail(reason);
      },
    };
  }

  /**
   * The link behind a token, used up; null when there is none for that direction (never offered, used, expired,
   * withdrawn, or offered the other way: a GET of an upload link leaves it to its upload).
   */
  claim(token: string, direction: PendingLink['direction']): PendingLink | null {
    const entry = this.#pending.get(token);
    if (!entry || entry.link.direction !== direction) return null;
    clearTimeout(entry.timer);
    this.#pending.delete(token);
    return entry.link;
  }

  /** Fails every waiting job (the server is closing). */
  close(): void {
    for (const [token, entry] of this.#pending) {
      clearTimeout(entry.timer);
      this.#pending.delete(token);
      entry.fail(new ApiFailure('TRANSFER_LINK_EXPIRED', 'Xenith is closing.'));
    }
  }
}
