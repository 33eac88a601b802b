import type { Readable } from 'node:stream';
import type { Xapi } from 'xen-api';

/** How XAPI compresses an export (`use_compression`): none, gzip or zstd. */
export type ExportCompression = 'none' | 'gzip' | 'zstd';

/** An XVA export being streamed from a pool: the body, and the XAPI task that ends when the pool is done. */
export interface VmExportStream {
  body: Readable;
  /** Settles with the export task's result; rejects with XAPI's error when the pool fails the export. */
  task: Promise<unknown>;
}

const compressionQuery: Record<ExportCompression, string> = { none: 'false', gzip: 'true', zstd: 'zstd' };

/**
 * Opens `/export/` of a VM (or snapshot) on the pool through its connected, certificate-pinned `xen-api` client,
 * tied to `taskRef` when given.
 *
 * The answer has no Content-Length (it ends when the connection closes). Its reader may be much slower than the
 * pool — a file on a slow disk, or another pool's `/import/` — and that is safe on undici 8: undici 6 and 7 threw
 * an uncatchable assertion when such a response ended while its body was paused (nodejs/undici#5360), which is
 * why Xenith runs on undici 8 (test/integration/export-slow-reader.test.ts holds it to that).
 */
export async function openVmExport(client: Xapi, vmRef: string, compression: ExportCompression = 'none', taskRef?: string): Promise<VmExportStream> {
  const response = (await client.getResource('/export/', {
    query: { ref: vmRef, use_compression: compressionQuery[compression] },
    // A task of the caller's (a transfer journals its ref first), or one the client makes.
    task: taskRef ?? true,
  })) as { body: Readable; task?: Promise<unknown> };
  const task = response.task ?? Promise.resolve(undefined);
  // The caller decides what a failed task means; an unobserved rejection must not end the process.
  task.catch(() => undefined);
  return { body: response.body, task };
}
