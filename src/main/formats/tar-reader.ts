import { ByteReader, TruncatedError } from './byte-reader.js';
import { isZeroBlock, parseTarHeader, tarBlock, TarFormatError, tarPadding } from './tar-header.js';

/** Largest metadata member (a GNU long name, a pax record) read whole. */
const maxMetadataBytes = 1024 * 1024;

/** One member of a tar archive, read as the archive streams by. */
export interface TarEntry {
  /** The member's path (a GNU long name or a pax `path` applied). */
  readonly name: string;
  readonly size: number;
  readonly kind: 'file' | 'directory' | 'other';
  /** Where the member's data starts in the archive (for a reader with random access to the same file). */
  readonly dataOffset: number;
  /** The member's data as it arrives; read it (or part of it) before asking for the next member. */
  pieces(): AsyncGenerator<Buffer>;
  /** The whole member (a small one: ova.xml, an OVF descriptor, a checksum); refused past `maxBytes`. */
  readAll(maxBytes: number): Promise<Buffer>;
}

/** Reads the records of a pax extended header (`<length> <key>=<value>\n`…). */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number(data.subarray(offset, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0 || offset + length > data.length) throw new TarFormatError('a pax header record is malformed');
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

/**
 * Reads a tar archive (ustar, GNU and pax, as GNU tar and XAPI write them) as it streams: each member's data is
 * handed on in the pieces it arrives in, never buffered whole, and what a consumer leaves unread is skipped when
 * the next member is asked for. Ends at the archive's end marker; a stream that stops before it is truncated.
 */
export async function* readTar(reader: ByteReader): AsyncGenerator<TarEntry> {
  let longName: string | null = null;
  let pax = new Map<string, string>();
  for (;;) {
    let block: Buffer;
    try {
      block = await reader.readExact(tarBlock, 'a tar header');
    } catch (error) {
      if (error instanceof TruncatedError) throw new TruncatedError('the tar archive stops before its end marker');
      throw error;
    }
    if (isZeroBlock(block)) return;
    const header = parseTarHeader(block);
    const size = pax.has('size') ? Number(pax.get('size')) : header.size;
    if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError('a member size is not a whole number');
    if (header.type === 'L' || header.type === 'x' || header.type === 'g') {
      if (size > maxMetadataBytes) throw new TarFormatError(`a ${header.type} header of ${size} bytes is too large`);
      const data = await reader.readExact(size, 'a tar metadata member');
      await reader.skip(tarPadding(size));
      if (header.type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
      else if (header.type === 'x') pax = paxRecords(data);
      continue;
    }
    const name = pax.get('path') ?? longName ?? header.name;
    longName = null;
    pax = new Map();
    const kind = header.type === '0' || header.type === '7' ? 'file' : header.type === '5' ? 'directory' : 'other';
    const dataOffset = reader.position;
    let consumed = 0;
    const what = `the member ${name} (${size} bytes)`;
    const entry: TarEntry = {
      name,
      size,
      kind,
      dataOffset,
      async *pieces() {
        if (consumed !== 0) throw new Error(`The data of ${name} was already read.`);
        for await (const piece of reader.pieces(size, what)) {
          consumed += piece.length;
          yield piece;
        }
      },
      async readAll(maxBytes) {
        if (size > maxBytes) throw new TarFormatError(`${name} is ${size} bytes, more than the ${maxBytes} expected`);
        if (consumed !== 0) throw new Error(`The data of ${name} was already read.`);
        const data = await reader.readExact(size, what);
        consumed = size;
        return data;
      },
    };
    yield entry;
    await reader.skip(size - consumed + tarPadding(size), what);
  }
}
