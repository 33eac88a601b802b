import { tarBlock, tarFileHeader, TarFormatError, tarPadding } from './tar-header.js';

/** One member to write: its name, its size, and its data as it comes (exactly `size` bytes). */
export interface TarSource {
  name: string;
  size: number;
  data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/**
 * Writes a tar archive as a stream of pieces (a header, the member's data untouched, its padding… and the two zero
 * blocks at the end), so a member of any size goes through without being held whole. A member whose data is not
 * exactly its announced size is refused: the archive would be corrupt.
 */
export async function* writeTar(members: AsyncIterable<TarSource> | Iterable<TarSource>, mtimeSeconds?: number): AsyncGenerator<Buffer> {
  for await (const member of members) {
    yield tarFileHeader(member.name, member.size, mtimeSeconds);
    let written = 0;
    for await (const piece of member.data) {
      written += piece.length;
      if (written > member.size) throw new TarFormatError(`${member.name} has more than its ${member.size} bytes`);
      yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    }
    if (written !== member.size) throw new TarFormatError(`${member.name} has ${written} bytes, not ${member.size}`);
    const padding = tarPadding(member.size);
    if (padding > 0) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(2 * tarBlock);
}
