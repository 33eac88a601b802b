import { ApiFailure } from '../api/failure.js';
import { TruncatedError } from '../formats/byte-reader.js';
import { DecompressionError, isDecompressionFailure } from '../formats/compression.js';
import { DiskImageError } from '../formats/disk-image.js';
import { ManifestMismatchError } from '../formats/ova-manifest.js';
import { OvfError } from '../formats/ovf-descriptor.js';
import { UnknownImportError } from '../formats/detect-import.js';
import { TarFormatError } from '../formats/tar-header.js';
import { XmlFormatError } from '../formats/xml-tree.js';
import { OvaXmlError } from '../formats/xva-description.js';
import { XvaIntegrityError } from '../formats/xva-verifier.js';

/** Which way the file went, for the sentence. */
export interface StreamFailureContext {
  direction: 'export' | 'import';
  poolId: string;
  /** The file's name as the person sees it. */
  file: string;
}

/** The reason behind an abort (a pipeline aborted by a failed check reports the check's error as its cause). */
function unwrap(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { name?: string; cause?: unknown } | null)?.cause;
    if ((current as { name?: string } | null)?.name !== 'AbortError' || cause === undefined) return current;
    current = cause;
  }
  return current;
}

const leftNothing = (context: StreamFailureContext) => (context.direction === 'export' ? 'No file was kept.' : 'Nothing was kept on the pool.');

/**
 * Turns what broke a file transfer into the error the job shows: a damaged file names the chunk or file that failed
 * its check, a truncated one says so, a refusal of the pool keeps XAPI's code (described by the job registry), and
 * a file system failure names the file. Each says what was left: nothing.
 */
export function describeStreamFailure(error: unknown, context: StreamFailureContext): unknown {
  const cause = unwrap(error);
  const { poolId, file } = context;
  if (cause instanceof ApiFailure) return cause;
  if (cause instanceof XvaIntegrityError) {
    if (context.direction === 'export') return new ApiFailure('EXPORT_VERIFICATION_FAILED', `The export from the pool did not verify: ${lowerFirst(cause.message)} ${leftNothing(context)}`, { params: [cause.chunk], poolId });
    return new ApiFailure('FILE_DAMAGED', `${file} is damaged: ${lowerFirst(cause.message.replace(/^The XVA is damaged: /, ''))} ${leftNothing(context)}`, { params: [cause.chunk], poolId });
  }
  if (cause instanceof TruncatedError) {
    if (context.direction === 'export') return new ApiFailure('EXPORT_INCOMPLETE', `The pool's export stopped before its end (${lowerFirst(cause.message)}) ${leftNothing(context)}`, { poolId });
    return new ApiFailure('FILE_TRUNCATED', `${file} is incomplete: ${lowerFirst(cause.message)} ${leftNothing(context)}`, { params: [file], poolId });
  }
  if (isDecompressionFailure(cause) && !(cause instanceof DecompressionError)) {
    const reason = `its ${context.direction === 'export' ? 'compressed export' : 'compressed data'} is damaged (${(cause as Error).message})`;
    if (context.direction === 'export') return new ApiFailure('EXPORT_VERIFICATION_FAILED', `The export from the pool did not verify: ${reason}. ${leftNothing(context)}`, { poolId });
    return new ApiFailure('FILE_DAMAGED', `${file} is damaged: ${reason}. ${leftNothing(context)}`, { params: [file], poolId });
  }
  if (cause instanceof ManifestMismatchError) return new ApiFailure('FILE_DAMAGED', `${cause.message} ${leftNothing(context)}`, { params: [cause.file], poolId });
  const format = formatFailure(cause, file);
  if (format) return new ApiFailure(format.apiError.code, `${format.message} ${leftNothing(context)}`, { params: [file], poolId });
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') {
    const who = context.direction === 'export' ? 'The download was stopped before the end' : 'The upload was stopped before the end';
    return new ApiFailure(context.direction === 'export' ? 'DOWNLOAD_STOPPED' : 'UPLOAD_STOPPED', `${who}. ${leftNothing(context)}`, { poolId });
  }
  // File system errors carry the path (a pool's connection errors do not).
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && (cause as { path?: unknown }).path !== undefined) {
    return new ApiFailure(context.direction === 'export' ? 'FILE_WRITE_FAILED' : 'FILE_READ_FAILED', `Xenith could not ${context.direction === 'export' ? 'write' : 'read'} ${file}: ${(cause as Error).message}. ${leftNothing(context)}`, { params: [file, code], poolId });
  }
  return cause;
}

/**
 * A file that is not what Xenith reads (FILE_NOT_SUPPORTED: an unknown format, an OVF it cannot build a VM from, a
 * disk image variant it does not read) or that is damaged in its structure (FILE_DAMAGED); null for anything else.
 */
export function formatFailure(cause: unknown, file: string): ApiFailure | null {
  if (cause instanceof OvfError || cause instanceof DiskImageError || cause instanceof UnknownImportError) return new ApiFailure('FILE_NOT_SUPPORTED', `${file}: ${cause.message}`, { params: [file] });
  if (cause instanceof DecompressionError || cause instanceof TarFormatError || cause instanceof OvaXmlError || cause instanceof XmlFormatError) return new ApiFailure('FILE_DAMAGED', `${file}: ${cause.message}`, { params: [file] });
  return null;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
