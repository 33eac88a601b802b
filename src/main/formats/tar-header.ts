/** A tar archive is made of 512-byte blocks: headers, member data padded to a block, two zero blocks at the end. */
export const tarBlock = 512;

/** A tar archive Xenith cannot read (a bad header checksum, a number that is not octal). */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(`Not a valid tar archive: ${message}`);
    this.name = 'TarFormatError';
  }
}

/** One header block as read: its type flag and fields (a GNU long name or pax record may override the name and size). */
export interface TarHeaderBlock {
  name: string;
  size: number;
  /** The type flag: '0' (or NUL) a file, '5' a directory, 'L' a GNU long name, 'x'/'g' pax records… */
  type: string;
}

/** Bytes of padding after a member of `size` bytes, to the next block. */
export function tarPadding(size: number): number {
  const rest = size % tarBlock;
  return rest === 0 ? 0 : tarBlock - rest;
}

/** A numeric field: octal text, or GNU's base-256 (high bit set) for sizes of 8 GiB and more. */
function readNumber(field: Buffer, what: string): number {
  if (field[0]! & 0x80) {
    let value = field[0]! & 0x7f;
    for (let index = 1; index < field.length; index++) value = value * 256 + field[index]!;
    if (!Number.isSafeInteger(value)) throw new TarFormatError(`the ${what} is too large`);
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`the ${what} field reads ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

/** Whether a block is all zeros (the end of the archive). */
export function isZeroBlock(block: Buffer): boolean {
  for (let index = 0; index < block.length; index++) if (block[index] !== 0) return false;
  return true;
}

/** Parses one header block, checking its checksum (unsigned, or signed as some old tars wrote it). */
export function parseTarHeader(block: Buffer): TarHeaderBlock {
  const stored = readNumber(block.subarray(148, 156), 'header checksum');
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < tarBlock; index++) {
    const byte = index >= 148 && index < 156 ? 0x20 : block[index]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) throw new TarFormatError(`a header checksum does not match (stored ${stored}, computed ${unsigned})`);
  const magic = block.subarray(257, 263).toString('latin1');
  const prefix = magic.startsWith('ustar') && magic !== 'ustar ' ? cString(block.subarray(345, 500)) : '';
  const name = cString(block.subarray(0, 100));
  const type = block[156] === 0 ? '0' : String.fromCharCode(block[156]!);
  return { name: prefix ? `${prefix}/${name}` : name, size: readNumber(block.subarray(124, 136), 'size'), type };
}

/** Writes a number field: octal when it fits, else GNU's base-256 (what GNU tar itself does). */
function writeNumber(header: Buffer, offset: number, width: number, value: number): void {
  const octal = value.toString(8);
  if (octal.length < width) {
    header.write(`${octal.padStart(width - 1, '0')}\0`, offset, 'latin1');
    return;
  }
  header[offset] = 0x80;
  let rest = value;
  for (let index = offset + width - 1; index > offset; index--) {
    header[index] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

/**
 * A ustar header for a regular file. Names longer than ustar allows are split into its prefix and name fields
 * when they can be; otherwise refused (XVA and OVA member names are short).
 */
export function tarFileHeader(name: string, size: number, mtimeSeconds = Math.floor(Date.now() / 1000)): Buffer {
  const header = Buffer.alloc(tarBlock);
  let base = Buffer.from(name, 'utf8');
  let prefix = Buffer.alloc(0);
  if (base.length > 100) {
    const cut = name.lastIndexOf('/', 155);
    const tail = cut > 0 ? Buffer.from(name.slice(cut + 1), 'utf8') : base;
    if (cut <= 0 || tail.length > 100 || Buffer.byteLength(name.slice(0, cut)) > 155) throw new TarFormatError(`the member name ${JSON.stringify(name)} is too long`);
    prefix = Buffer.from(name.slice(0, cut), 'utf8');
    base = tail;
  }
  base.copy(header, 0);
  writeNumber(header, 100, 8, 0o644);
  writeNumber(header, 108, 8, 0);
  writeNumber(header, 116, 8, 0);
  writeNumber(header, 124, 12, size);
  writeNumber(header, 136, 12, mtimeSeconds);
  header.fill(0x20, 148, 156);
  header.write('0', 156, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  prefix.copy(header, 345);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}
