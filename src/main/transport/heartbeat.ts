import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** What Node keeps of a socket's writes and @types/node leaves out. */
interface SocketWrites {
  /** The writes waiting behind the one in flight. */
  writableBuffer?: { chunk: Buffer | string; encoding: BufferEncoding }[];
  /** libuv's bytes of the write in flight that the kernel has not taken yet. */
  _handle?: { writeQueueSize?: number } | null;
}

/**
 * Bytes of this socket the kernel has taken so far: every byte handed to write(), less those still waiting in
 * Node's buffer and, of the write in flight, those libuv still holds. It stops growing while the peer reads
 * nothing and grows while it reads, even inside one multi-megabyte write (a slow reader can spend longer than a
 * heartbeat on a single object-stream chunk, so counting finished writes alone took it for dead).
 */
export function bytesTaken(socket: WebSocket): number {
  const raw = (socket as unknown as { _socket?: Socket & SocketWrites })._socket;
  if (!raw) return 0;
  const waiting = (raw.writableBuffer ?? []).reduce((sum, { chunk, encoding }) => sum + (typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length), 0);
  return raw.bytesWritten - waiting - (raw._handle?.writeQueueSize ?? 0);
}

/**
 * Pings every watched socket at an interval and terminates those that neither answered the previous ping with a
 * pong nor took any of the bytes queued for them since: a peer that vanished without closing (a sleeping laptop,
 * a pulled cable) stops holding a client slot, its event queue and its console upstream. A peer on a slow link
 * still draining a big queue — whose pong waits behind it — counts as alive, even while the object stream keeps
 * topping its queue up (it took bytes since the last beat).
 */
export class Heartbeat {
  readonly #answered = new WeakSet<WebSocket>();
  readonly #queued = new WeakMap<WebSocket, number>();
  readonly #taken = new WeakMap<WebSocket, number>();
  readonly #sockets = new Set<WebSocket>();
  readonly #timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.#timer = setInterval(() => this.#beat(), intervalMs);
    this.#timer.unref();
  }

  watch(socket: WebSocket): void {
    this.#sockets.add(socket);
    this.#answered.add(socket);
    socket.on('pong', () => this.#answered.add(socket));
    socket.on('close', () => this.#sockets.delete(socket));
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#sockets.clear();
  }

  #beat(): void {
    for (const socket of this.#sockets) {
      const queued = socket.bufferedAmount;
      const taken = bytesTaken(socket);
      // More than the heartbeat's own pings (a peer that reads but never answers them is not kept by them).
      const draining = queued < (this.#queued.get(socket) ?? 0) || taken > (this.#taken.get(socket) ?? taken) + 64;
      this.#queued.set(socket, queued);
      this.#taken.set(socket, taken);
      if (!this.#answered.has(socket) && !draining) {
        this.#sockets.delete(socket);
        socket.terminate();
        continue;
      }
      this.#answered.delete(socket);
      if (socket.readyState === socket.OPEN) socket.ping();
    }
  }
}
