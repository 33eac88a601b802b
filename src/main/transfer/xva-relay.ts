import type { Agent } from 'node:https';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Xapi } from 'xen-api';
import type { ServerEndpoint } from '../pools/server-address.js';
import { openVmExport, type ExportCompression } from './vm-export-stream.js';
import { openVmImport, type VmImportUpload } from './vm-import-stream.js';

/** The two ends of a streamed transfer. */
export interface RelayEnds {
  source: { client: Xapi; vmRef: string; taskRef: string; compression: ExportCompression };
  target: { endpoint: ServerEndpoint; agent: Agent; sessionId: string; srRef: string; taskRef: string };
}

/** Counts the bytes going through without touching them. */
export class ByteCounter extends Transform {
  readonly #onBytes: (bytes: number) => void;

  constructor(onBytes: (bytes: number) => void) {
    // Small buffers here: the relay holds at most a few chunks, whatever the size of the VM (flat memory).
    super({ highWaterMark: 256 * 1024 });
    this.#onBytes = onBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#onBytes(chunk.length);
    done(null, chunk);
  }
}

/**
 * A relay under way: `done` settles when every byte of the export went into the import (or the relay broke),
 * and `upload` is kept open afterwards, because the pool judges the import on its task, not on the connection.
 */
export interface XvaRelay {
  done: Promise<void>;
  upload: VmImportUpload;
  /** Which connection broke first when the relay failed (the other then fails for want of its peer). */
  brokenSide(): 'source' | 'target' | null;
}

/**
 * Pipes the source pool's `/export` into the destination pool's `/import`, with backpressure end to end: the
 * export is read only as fast as the import takes it, and nothing is written to disk. The import is opened
 * first, so a refusal (SR unreachable, chunked, ISO SR) costs no export. Aborting the signal destroys both
 * connections; the pools then fail their tasks.
 */
export async function startXvaRelay(ends: RelayEnds, signal: AbortSignal, onBytes: (bytes: number) => void): Promise<XvaRelay> {
  signal.throwIfAborted();
  const upload = await openVmImport({ ...ends.target });
  let exported;
  try {
    signal.throwIfAborted();
    exported = await openVmExport(ends.source.client, ends.source.vmRef, ends.source.compression, ends.source.taskRef);
  } catch (error) {
    upload.close();
    throw error;
  }
  // The first connection to fail or close early is the one that broke (the pipeline then tears down the other).
  let broken: 'source' | 'target' | null = null;
  let exportEnded = false;
  exported.body.once('end', () => (exportEnded = true));
  exported.body.once('error', () => (broken ??= 'source'));
  exported.body.once('close', () => {
    if (!exportEnded) broken ??= 'source';
  });
  upload.body.once('error', () => (broken ??= 'target'));
  upload.body.once('close', () => {
    if (!exportEnded) broken ??= 'target';
  });
  const done = pipeline(exported.body, new ByteCounter(onBytes), upload.body, { signal, end: false });
  return { done, upload, brokenSide: () => broken };
}
