import { createServer, connect, type Server, type Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/** A TCP relay in front of a server whose either direction can be slowed down: a slow destination (or source) pool. */
export interface ThrottledProxy {
  port: number;
  /** Bytes per second towards the server (null: as fast as it goes). Applies to open connections at once. */
  setRate(bytesPerSecond: number | null): void;
  /** Bytes per second from the server (a slow source pool: its exports arrive slowly). */
  setDownRate(bytesPerSecond: number | null): void;
  /** Bytes relayed towards the server so far. */
  readonly bytesUp: number;
  close(): Promise<void>;
}

/** Passes chunks on no faster than the current rate (in slices, so a large chunk is spread out too). */
class RateLimiter extends Transform {
  constructor(private readonly rate: () => number | null, private readonly count: (bytes: number) => void) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const pass = (offset: number): void => {
      if (offset >= chunk.length) return done();
      const rate = this.rate();
      const slice = rate === null ? chunk.length - offset : Math.max(1024, Math.floor(rate / 20));
      const part = chunk.subarray(offset, offset + slice);
      this.count(part.length);
      this.push(part);
      if (rate === null) return pass(offset + part.length);
      setTimeout(() => pass(offset + part.length), Math.ceil((part.length / rate) * 1000));
    };
    pass(0);
  }
}

/** Listens on 127.0.0.1 and relays every connection to `target`; TLS passes through untouched. */
export async function startThrottledProxy(target: { host: string; port: number }): Promise<ThrottledProxy> {
  let rate: number | null = null;
  let downRate: number | null = null;
  let bytesUp = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(new RateLimiter(() => rate, (bytes) => (bytesUp += bytes))).pipe(upstream);
    upstream.pipe(new RateLimiter(() => downRate, () => {})).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    setRate(value) {
      rate = value;
    },
    setDownRate(value) {
      downRate = value;
    },
    get bytesUp() {
      return bytesUp;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
