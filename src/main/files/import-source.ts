import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileSource, TransferLink } from '../../shared/api/methods/files.js';
import { ApiFailure } from '../api/failure.js';
import type { OfferedLink, UploadExchange } from '../transport/file-links.js';
import type { FileServices } from './file-services.js';

/** Reads of a local file go in pieces of this size: few calls, little memory. */
const readPiece = 1024 * 1024;

/** The bytes of a file being imported, and what is known of it. */
export interface OpenedFile {
  stream: Readable;
  size: number | null;
}

/** Where an import reads from, from opening to the verdict. */
export interface ImportSource {
  /** The file's name as the person sees it. */
  readonly name: string;
  /** The one-time URL the browser uploads to (serve mode). */
  readonly link: TransferLink | null;
  /** Opens the file (once): a local file, or the browser's upload when it arrives. */
  open(): Promise<OpenedFile>;
  /** A file beside it (an OVF's disk), for a local file only: null for an upload. */
  readonly sibling: ((name: string) => Promise<OpenedFile>) | null;
  /** Tells the uploader how the import went (a local file: nothing to tell). */
  finish(ok: boolean, message: string): void;
  /** The import failed before the upload came: the link is taken back. */
  abort(reason: Error): void;
}

/** Opens a regular file, with its size; FILE_READ_FAILED naming it otherwise. */
async function openLocal(path: string): Promise<OpenedFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('it is not a regular file');
    size = info.size;
  } catch (error) {
    throw new ApiFailure('FILE_READ_FAILED', `Xenith cannot read ${basename(path)}: ${(error as Error).message}.`, { params: [basename(path)] });
  }
  return { stream: createReadStream(path, { highWaterMark: readPiece }), size };
}

/** A file chosen in the Open dialog; an OVF's disk files are read from the same folder, by their bare names. */
function localSource(path: string): ImportSource {
  return {
    name: basename(path),
    link: null,
    open: () => openLocal(path),
    sibling: (name) => {
      if (name !== basename(name) || name === '..' || name === '.' || name.includes('\\')) throw new ApiFailure('VALIDATION', `The OVF names a file outside its folder: ${name}.`);
      return openLocal(join(dirname(path), name));
    },
    finish: () => {},
    abort: () => {},
  };
}

/** The browser's upload (serve mode), through a one-time link. */
function uploadSource(offered: OfferedLink<UploadExchange>, name: string): ImportSource {
  let exchange: UploadExchange | null = null;
  return {
    name,
    link: offered.link,
    async open() {
      exchange = await offered.exchange;
      return { stream: exchange.source, size: exchange.length };
    },
    sibling: null,
    finish(ok, message) {
      exchange?.answer(ok, message);
    },
    abort(reason) {
      if (exchange) {
        exchange.answer(false, reason.message);
        exchange.source.destroy();
      } else offered.withdraw(reason);
    },
  };
}

/**
 * Resolves where an import reads from, before its job starts (a bad handle fails the call itself): a file chosen in
 * the desktop's Open dialog (its handle used up here), or the browser's upload in serve mode.
 */
export function importSource(files: FileServices, source: FileSource): ImportSource {
  if (source.kind === 'handle') return localSource(files.handles.take(source.handle, 'open').path);
  if (!files.links.served) throw new ApiFailure('VALIDATION', 'The desktop app opens files through its Open dialog: choose a file there (xenith-cli needs Settings → Local socket on).');
  return uploadSource(files.links.offerUpload(source.size), source.name);
}

/** The name and path behind an Open handle without using it up (file.inspect), or null for an upload. */
export function peekLocalPath(files: FileServices, source: FileSource): string | null {
  return source.kind === 'handle' ? files.handles.peek(source.handle, 'open').path : null;
}
