/** ustar headers as XVA files use them: regular files only, names up to 100 bytes, 512-byte blocks. */

export const TAR_BLOCK = 512;
/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(2 * TAR_BLOCK);

export class TarFormatError extends Error {}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar header for a regular file `name` of `size` bytes. */
export function tarHeader(name: string, size: number, mtimeSeconds = Math.floor(Date.now() / 1000)): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new TarFormatError(`tar member name too long: ${name}`);
  if (size >= 8 ** 11) throw new TarFormatError(`tar member too large: ${size}`);
  const h = Buffer.alloc(TAR_BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(mtimeSeconds, 12), 136, 'latin1');
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h.write('0', 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.write('root', 265, 'latin1');
  h.write('root', 297, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'latin1');
  return h;
}

/** Zero bytes after a member of `size` bytes, up to the next block boundary. */
export function tarPadding(size: number): Buffer {
  const rest = size % TAR_BLOCK;
  return rest === 0 ? Buffer.alloc(0) : Buffer.alloc(TAR_BLOCK - rest);
}

export type TarHeaderInfo = { kind: 'file'; name: string; size: number } | { kind: 'zero' };

function readOctal(field: Buffer): number {
  if (field[0]! & 0x80) {
    // GNU base-256 encoding for large sizes
    let v = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i]!;
    return v;
  }
  const s = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`bad octal field ${JSON.stringify(s)}`);
  return parseInt(s, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

/** Parses one 512-byte header block; checks its checksum. */
export function parseTarHeader(block: Buffer): TarHeaderInfo {
  if (block.length !== TAR_BLOCK) throw new TarFormatError('short tar header');
  if (block.every((b) => b === 0)) return { kind: 'zero' };
  const stored = readOctal(block.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (sum !== stored) throw new TarFormatError(`tar header checksum mismatch (stored ${stored}, computed ${sum})`);
  const type = String.fromCharCode(block[156]!);
  if (type !== '0' && type !== '\0') throw new TarFormatError(`unsupported tar member type ${JSON.stringify(type)}`);
  const magic = block.subarray(257, 262).toString('latin1');
  const prefix = magic === 'ustar' ? cString(block.subarray(345, 500)) : '';
  const name = cString(block.subarray(0, 100));
  return { kind: 'file', name: prefix ? `${prefix}/${name}` : name, size: readOctal(block.subarray(124, 136)) };
}
