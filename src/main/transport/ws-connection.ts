import type { WebSocket } from 'ws';
import { clientFrameSchema, type ServerFrame } from '../../shared/api/wire.js';
import { makeApiError, XenithErrorCode } from '../../shared/api/errors.js';
import type { XenithServer } from '../server.js';

/** Carries contract calls and events (broadcast and this client's own) over one authenticated WebSocket. */
export function attachApiConnection(socket: WebSocket, server: XenithServer): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const session = server.connectClient({
    send: ({ event, payload }) => send({ type: 'event', event, payload }),
    backlogBytes: () => socket.bufferedAmount,
  });
  socket.on('close', () => session.close());
  socket.on('message', async (data, isBinary) => {
    let frame;
    try {
      if (isBinary) throw new Error('binary frame');
      frame = clientFrameSchema.parse(JSON.parse(String(data)));
    } catch {
      // Without a valid frame there is no id to answer to; the client sent something no Xenith UI sends.
      socket.close(1003, 'Malformed frame');
      return;
    }
    try {
      const result = await session.dispatch(frame.method, frame.input);
      send(result.ok ? { type: 'result', id: frame.id, ok: true, output: result.output } : { type: 'result', id: frame.id, ok: false, error: result.error });
    } catch (error) {
      send({ type: 'result', id: frame.id, ok: false, error: makeApiError(XenithErrorCode.internal, String(error)) });
    }
  });
}
