/**
 * Faults of the HTTP transfers, set on the control port: an SR that fills up after so many bytes of an upload have
 * arrived (the upload fails with SR_FULL and is rolled back), and a transfer connection reset after so many bytes.
 * One set per pool, kept beside the engine like its disk store.
 */
import type { Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import { fail } from '../model/xapi-error.js';
import type { Engine } from './engine.js';

/** The transfer paths a connection cut can aim at (any of them when none is named). */
export const CUTTABLE_PATHS = ['/export', '/import', '/export_raw_vdi', '/import_raw_vdi', '/import_metadata'] as const;
export type CuttablePath = (typeof CUTTABLE_PATHS)[number];

interface SrFull { afterBytes: number; arrived: number }
interface Cut { afterBytes: number; path?: CuttablePath }

export class TransferFaults {
  private readonly srFull = new Map<string, SrFull>();
  private cut: Cut | undefined;

  /** From now on, the upload that brings the bytes arriving for `sr` past `afterBytes` fails with SR_FULL. */
  setSrFull(sr: string, afterBytes: number): void {
    this.srFull.set(sr, { afterBytes, arrived: 0 });
  }

  clearSrFull(sr: string): void {
    this.srFull.delete(sr);
  }

  /** The next transfer connection (of `path`, or any) is reset once `afterBytes` bytes went through it. */
  setCut(afterBytes: number, path?: CuttablePath): void {
    this.cut = { afterBytes, ...(path ? { path } : {}) };
  }

  clearCut(): void {
    this.cut = undefined;
  }

  clear(): void {
    this.srFull.clear();
    this.cut = undefined;
  }

  /** What is set, for the control port. */
  describe(): { srFull: Record<string, { afterBytes: number; arrived: number }>; cut: Cut | null } {
    return { srFull: Object.fromEntries([...this.srFull].map(([sr, f]) => [sr, { ...f }])), cut: this.cut ? { ...this.cut } : null };
  }

  /**
   * Counts `bytes` of upload data that arrived for `sr`; throws SR_FULL [arrived, limit] once they exceed the limit.
   * The fault is spent then (the failed upload's clean-up frees the space again).
   */
  chargeSr(sr: string, bytes: number): void {
    const f = this.srFull.get(sr);
    if (!f) return;
    f.arrived += bytes;
    if (f.arrived > f.afterBytes) {
      this.srFull.delete(sr);
      fail('SR_FULL', f.arrived, f.afterBytes);
    }
  }

  /** Takes the pending cut when it aims at `path`: the byte count after which this connection is reset. */
  takeCut(path: CuttablePath): number | undefined {
    const c = this.cut;
    if (!c || (c.path && c.path !== path)) return undefined;
    this.cut = undefined;
    return c.afterBytes;
  }
}

const faults = new WeakMap<Engine, TransferFaults>();

/** The pool's transfer faults. */
export function transferFaultsFor(engine: Engine): TransferFaults {
  let f = faults.get(engine);
  if (!f) faults.set(engine, (f = new TransferFaults()));
  return f;
}

/** Resets a connection (RST, not FIN: a close-delimited /export must not look complete to the client). */
export function resetConnection(socket: Socket): void {
  if (socket.destroyed) return;
  // A TLS socket's own handle cannot send a reset; the TCP socket it wraps can.
  const tcp = (socket as Socket & { _parent?: Socket })._parent ?? socket;
  try {
    tcp.resetAndDestroy();
    socket.destroy();
  } catch {
    socket.destroy();
  }
}

/**
 * Counts the bytes of an upload against a pending cut: `accept(n)` answers how many of the next `n` bytes may be
 * consumed before the connection is reset (all of them when no cut is due). The cut is taken with the first byte,
 * so the empty probe PUT a client sends before a streamed upload (the xen-api client does) does not spend it.
 */
export class UploadCut {
  private seen = 0;
  private afterBytes: number | undefined;
  private taken = false;

  constructor(private readonly take: () => number | undefined) {}

  accept(n: number): number {
    if (n === 0) return 0;
    if (!this.taken) {
      this.taken = true;
      this.afterBytes = this.take();
    }
    if (this.afterBytes === undefined) return n;
    const allowed = Math.max(0, Math.min(n, this.afterBytes - this.seen));
    this.seen += allowed;
    return allowed;
  }

  get due(): boolean {
    return this.afterBytes !== undefined && this.seen >= this.afterBytes;
  }
}

/**
 * A pass-through for a download that lets at most `afterBytes` bytes out, then holds everything else back (so the
 * response can never end cleanly) and resets `socket` once what it let out has left.
 */
export function cuttingStream(afterBytes: number, socket: Socket): Transform {
  let left = afterBytes;
  let resetting = false;
  const resetWhenFlushed = (tries = 0): void => {
    const pending = socket.writableLength + ((socket as Socket & { _parent?: Socket })._parent?.writableLength ?? 0);
    if (pending > 0 && tries < 200) setTimeout(() => resetWhenFlushed(tries + 1), 5);
    else resetConnection(socket);
  };
  const cut = (): void => {
    if (resetting) return;
    resetting = true;
    setImmediate(resetWhenFlushed);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (left <= 0) {
        cut();
        return; // never done: the stream stalls until the reset tears the pipeline down
      }
      const part = chunk.subarray(0, left);
      left -= part.length;
      done(null, part);
      if (left <= 0) cut();
    },
    flush() {
      cut(); // the download ended within the limit: it still ends with a reset, never a clean close
    },
  });
}
