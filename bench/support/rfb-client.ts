import type { Duplex } from 'node:stream';

/** A minimal RFB 3.3 client over any byte stream: enough to request raw framebuffer updates and time them. */
export class BenchRfbClient {
  #buffer: Buffer = Buffer.alloc(0);
  #wake: () => void = () => {};
  width = 0;
  height = 0;
  bytesPerPixel = 4;

  constructor(private readonly stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
  }

  async #read(n: number): Promise<Buffer> {
    while (this.#buffer.length < n) await new Promise<void>((resolve) => (this.#wake = resolve));
    const out = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    return out;
  }

  async handshake(): Promise<void> {
    await this.#read(12);
    this.stream.write('RFB 003.003\n');
    await this.#read(4);
    this.stream.write(Buffer.from([1]));
    const init = await this.#read(24);
    this.width = init.readUInt16BE(0);
    this.height = init.readUInt16BE(2);
    this.bytesPerPixel = init[4]! / 8;
    await this.#read(init.readUInt32BE(20));
    // SetEncodings: Raw only, so every update carries the full pixel data.
    const encodings = Buffer.alloc(8);
    encodings.writeUInt8(2, 0);
    encodings.writeUInt16BE(1, 2);
    encodings.writeInt32BE(0, 4);
    this.stream.write(encodings);
  }

  /** Presses a key and waits for the screen change it causes (an incremental update with pixels). */
  async keyEcho(keysym: number): Promise<void> {
    const key = (down: boolean) => {
      const event = Buffer.alloc(8);
      event.writeUInt8(4, 0);
      event.writeUInt8(down ? 1 : 0, 1);
      event.writeUInt32BE(keysym, 4);
      return event;
    };
    this.stream.write(Buffer.concat([key(true), key(false), this.#updateRequest(true)]));
    await this.#readUpdate();
  }

  #updateRequest(incremental: boolean): Buffer {
    const request = Buffer.alloc(10);
    request.writeUInt8(3, 0);
    request.writeUInt8(incremental ? 1 : 0, 1);
    request.writeUInt16BE(this.width, 6);
    request.writeUInt16BE(this.height, 8);
    return request;
  }

  /** Requests the whole screen (non-incremental) and reads the update; returns its size in bytes. */
  async fullUpdate(): Promise<number> {
    this.stream.write(this.#updateRequest(false));
    return this.#readUpdate();
  }

  /** Reads server messages until a framebuffer update that carries pixels; returns the bytes read. */
  async #readUpdate(): Promise<number> {
    let bytes = 0;
    for (;;) {
      const header = await this.#read(4);
      bytes += 4;
      if (header[0] !== 0) throw new Error(`unexpected server message ${header[0]}`);
      const rects = header.readUInt16BE(2);
      let pixels = false;
      for (let i = 0; i < rects; i++) {
        const rect = await this.#read(12);
        const encoding = rect.readInt32BE(8);
        const size = encoding === 0 ? rect.readUInt16BE(4) * rect.readUInt16BE(6) * this.bytesPerPixel : 0;
        if (encoding === 0) pixels = true;
        await this.#read(size);
        bytes += 12 + size;
      }
      if (pixels) return bytes;
    }
  }
}
