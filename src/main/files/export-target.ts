import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FileTarget, TransferLink } from '../../shared/api/methods/files.js';
import { ApiFailure } from '../api/failure.js';
import type { DownloadExchange, OfferedLink } from '../transport/file-links.js';
import type { FileServices } from './file-services.js';

/** Where an export writes, from opening to the verdict. */
export interface ExportTarget {
  /** The file's name as the person sees it. */
  readonly name: string;
  /** The partial file to remove after a crash (a file written under a temporary name), for the journal. */
  readonly tempPath: string | null;
  /** The one-time URL the browser downloads from (serve mode). */
  readonly link: TransferLink | null;
  /** Opens the destination: the temporary file, or the browser's download once it arrived. */
  open(): Promise<Writable>;
  /** The export is good: the bytes are flushed and the file takes its name (or the download ends complete). */
  commit(): Promise<void>;
  /** The export failed or was cancelled: no partial file stays, and the browser sees a failed download. */
  abort(reason: Error): Promise<void>;
}

/** A file chosen in the Save dialog: written as `.<name>.xenith-<random>.partial` beside it, renamed at the end. */
function fileTarget(path: string): ExportTarget {
  const tempPath = join(dirname(path), `.${basename(path)}.xenith-${randomBytes(4).toString('hex')}.partial`);
  let stream: WriteStream | null = null;
  return {
    name: basename(path),
    tempPath,
    link: null,
    async open() {
      // wx: never write over a file that is there already (the temporary name is new each time).
      stream = createWriteStream(tempPath, { flags: 'wx', flush: true, highWaterMark: 1024 * 1024 });
      await new Promise<void>((resolve, reject) => {
        stream!.once('open', () => resolve());
        stream!.once('error', (error) => reject(new ApiFailure('FILE_WRITE_FAILED', `Xenith cannot write ${basename(path)}: ${error.message}`)));
      });
      return stream;
    },
    async commit() {
      if (stream && !stream.writableFinished) await finished(stream);
      await rename(tempPath, path);
    },
    async abort() {
      stream?.destroy();
      await rm(tempPath, { force: true });
    },
  };
}

/** The browser's own download (serve mode), through a one-time link. */
function downloadTarget(offered: OfferedLink<DownloadExchange>, name: string): ExportTarget {
  let exchange: DownloadExchange | null = null;
  return {
    name,
    tempPath: null,
    link: offered.link,
    async open() {
      exchange = await offered.exchange;
      return exchange.sink;
    },
    async commit() {
      if (!exchange) return;
      if (!exchange.sink.writableFinished) await finished(exchange.sink);
    },
    async abort(reason) {
      if (exchange) exchange.fail();
      else offered.withdraw(reason);
    },
  };
}

/**
 * Resolves where an export goes, before its job starts (a bad handle fails the call itself): a file chosen in the
 * desktop's Save dialog (its handle used up here), or the browser's download in serve mode.
 */
export function exportTarget(files: FileServices, target: FileTarget, suggestedName: string): ExportTarget {
  if (target.kind === 'handle') return fileTarget(files.handles.take(target.handle, 'save').path);
  if (!files.links.served) throw new ApiFailure('VALIDATION', 'The desktop app saves exports through its Save dialog: choose a file there (xenith-cli needs Settings → Local socket on).');
  return downloadTarget(files.links.offerDownload(suggestedName), suggestedName);
}
