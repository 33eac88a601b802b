import type { Duplex } from 'node:stream';

/** One frame of a console, as 8-bit RGB (`width * height * 3` bytes). */
export interface ConsoleFrame {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** The largest framebuffer Xenith grabs (a 4K screen); anything bigger is refused rather than buffered. */
const maxPixels = 3840 * 2160;
const encodingRaw = 0;
const encodingDesktopSize = -223;

/** Reads exact byte counts from a stream (the RFB handshake and messages are length-prefixed). */
class ByteReader {
  #buffered: Buffer = Buffer.alloc(0);
  #wake: (() => void) | null = null;
  #ended: Error | null = null;

  constructor(stream: Duplex) {
    stream.on('data', (data: Buffer) => {
      this.#buffered = this.#buffered.length === 0 ? data : Buffer.concat([this.#buffered, data]);
      this.#wake?.();
    });
    const end = (error?: Error) => {
      this.#ended ??= error ?? new Error('The console closed before the frame arrived.');
      this.#wake?.();
    };
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', end);
    stream.resume();
  }

  async read(n: number): Promise<Buffer> {
    while (this.#buffered.length < n) {
      if (this.#ended) throw this.#ended;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
    const out = this.#buffered.subarray(0, n);
    this.#buffered = this.#buffered.subarray(n);
    return out;
  }
}

/** SetPixelFormat: 32 bits per pixel, little-endian, true colour, red in bits 16–23, green 8–15, blue 0–7. */
function setPixelFormat(): Buffer {
  const message = Buffer.alloc(20);
  message[0] = 0;
  const format = message.subarray(4);
  format[0] = 32; // bits per pixel
  format[1] = 24; // depth
  format[2] = 0; // little-endian
  format[3] = 1; // true colour
  format.writeUInt16BE(255, 4);
  format.writeUInt16BE(255, 6);
  format.writeUInt16BE(255, 8);
  format[10] = 16;
  format[11] = 8;
  format[12] = 0;
  return message;
}

function setEncodings(encodings: readonly number[]): Buffer {
  const message = Buffer.alloc(4 + 4 * encodings.length);
  message[0] = 2;
  message.writeUInt16BE(encodings.length, 2);
  encodings.forEach((encoding, i) => message.writeInt32BE(encoding, 4 + 4 * i));
  return message;
}

function fullUpdateRequest(width: number, height: number): Buffer {
  const message = Buffer.alloc(10);
  message[0] = 3;
  message[1] = 0; // not incremental: the whole screen
  message.writeUInt16BE(width, 6);
  message.writeUInt16BE(height, 8);
  return message;
}

function checkSize(width: number, height: number): void {
  if (width < 1 || height < 1 || width * height > maxPixels) throw new Error(`The console's screen size ${width}x${height} is not one Xenith grabs.`);
}

/**
 * Grabs one frame from an RFB stream (RFB 3.3, security None, as XAPI's consoles speak it): asks for raw 32-bit
 * pixels, requests the whole screen once and decodes the FramebufferUpdate that answers it. Joins as a shared
 * client, so a person watching the Console tab keeps their session. The caller closes the stream.
 */
export async function grabRfbFrame(stream: Duplex): Promise<ConsoleFrame> {
  const reader = new ByteReader(stream);
  const version = (await reader.read(12)).toString('latin1');
  if (!/^RFB \d{3}\.\d{3}\n$/.test(version)) throw new Error('The console did not answer with the RFB protocol.');
  stream.write('RFB 003.003\n');
  const security = (await reader.read(4)).readUInt32BE(0);
  if (security === 0) {
    const length = (await reader.read(4)).readUInt32BE(0);
    throw new Error(`The console refused the connection: ${(await reader.read(Math.min(length, 1024))).toString('utf8')}`);
  }
  if (security !== 1) throw new Error(`The console asks for an authentication Xenith does not speak (type ${security}).`);
  stream.write(Buffer.from([1])); // shared
  const init = await reader.read(24);
  let width = init.readUInt16BE(0);
  let height = init.readUInt16BE(2);
  await reader.read(Math.min(init.readUInt32BE(20), 4096)); // desktop name
  checkSize(width, height);
  stream.write(Buffer.concat([setPixelFormat(), setEncodings([encodingRaw, encodingDesktopSize]), fullUpdateRequest(width, height)]));

  let rgb = new Uint8Array(width * height * 3);
  for (;;) {
    const type = (await reader.read(1))[0];
    if (type === 2) continue; // Bell
    if (type === 1) {
      const head = await reader.read(5);
      await reader.read(6 * head.readUInt16BE(3));
      continue;
    }
    if (type === 3) {
      const head = await reader.read(7);
      await reader.read(head.readUInt32BE(3));
      continue;
    }
    if (type !== 0) throw new Error(`The console sent an RFB message Xenith does not know (type ${type}).`);
    const count = (await reader.read(3)).readUInt16BE(1);
    let drawn = false;
    for (let i = 0; i < count; i++) {
      const rect = await reader.read(12);
      const [x, y, w, h] = [rect.readUInt16BE(0), rect.readUInt16BE(2), rect.readUInt16BE(4), rect.readUInt16BE(6)];
      const encoding = rect.readInt32BE(8);
      if (encoding === encodingDesktopSize) {
        checkSize(w, h);
        [width, height] = [w, h];
        rgb = new Uint8Array(width * height * 3);
        continue;
      }
      if (encoding !== encodingRaw) throw new Error(`The console sent encoding ${encoding}, which Xenith did not ask for.`);
      if (x + w > width || y + h > height) throw new Error('The console sent a rectangle outside its screen.');
      const pixels = await reader.read(w * h * 4);
      for (let row = 0; row < h; row++) {
        for (let column = 0; column < w; column++) {
          const from = (row * w + column) * 4;
          const to = ((y + row) * width + x + column) * 3;
          rgb[to] = pixels[from + 2]!;
          rgb[to + 1] = pixels[from + 1]!;
          rgb[to + 2] = pixels[from]!;
        }
      }
      drawn = true;
    }
    // The update that answers the whole-screen request is the frame; after a size change alone, ask again.
    if (drawn) return { width, height, rgb };
    stream.write(fullUpdateRequest(width, height));
  }
}

/** Shrinks a frame by a whole factor (box average) until it is at most `maxWidth` wide; smaller frames are kept. */
export function shrinkFrame(frame: ConsoleFrame, maxWidth: number): ConsoleFrame {
  const factor = Math.ceil(frame.width / maxWidth);
  if (factor <= 1) return frame;
  const width = Math.floor(frame.width / factor);
  const height = Math.max(1, Math.floor(frame.height / factor));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 3; channel++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += frame.rgb[((y * factor + dy) * frame.width + x * factor + dx) * 3 + channel]!;
        rgb[(y * width + x) * 3 + channel] = Math.round(sum / (factor * factor));
      }
    }
  }
  return { width, height, rgb };
}
