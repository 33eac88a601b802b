import type { WebSocket } from 'ws';
import type { XenithServer } from '../server.js';

/** The close code a socket gets when the API token it was opened with is revoked (policy violation). */
export const revokedTokenCloseCode = 1008;

/**
 * Remembers which API token opened each socket and closes a token's sockets as soon as it is revoked: a revoked
 * token must stop working now, not at the script's next connection.
 */
export class TokenSockets {
  readonly #sockets = new Map<WebSocket, string>();
  readonly #unsubscribe: () => void;

  constructor(server: XenithServer) {
    this.#unsubscribe = server.subscribe((event) => {
      if (event.event !== 'tokens.changed') return;
      const live = new Set((event.payload as { tokens: { tokenId: string }[] }).tokens.map((token) => token.tokenId));
      for (const [socket, tokenId] of this.#sockets) {
        if (live.has(tokenId)) continue;
        this.#sockets.delete(socket);
        // After the current turn: a client revoking its own token still gets token.revoke's answer first.
        setImmediate(() => socket.close(revokedTokenCloseCode, 'API token revoked'));
      }
    });
  }

  track(socket: WebSocket, tokenId: string): void {
    this.#sockets.set(socket, tokenId);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  close(): void {
    this.#unsubscribe();
    this.#sockets.clear();
  }
}
