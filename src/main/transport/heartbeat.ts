import type { WebSocket } from 'ws';

/**
 * Pings every watched socket at an interval and terminates those that did not answer the previous ping with a
 * pong: a peer that vanished without closing (a sleeping laptop, a pulled cable) stops holding a client slot,
 * its event queue and its console upstream.
 */
export class Heartbeat {
  readonly #answered = new WeakSet<WebSocket>();
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
      if (!this.#answered.has(socket)) {
        this.#sockets.delete(socket);
        socket.terminate();
        continue;
      }
      this.#answered.delete(socket);
      if (socket.readyState === socket.OPEN) socket.ping();
    }
  }
}
