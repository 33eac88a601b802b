import type { WebSocket } from 'ws';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/api/wire.js';
import { makeApiError, XenithErrorCode } from '../../shared/api/errors.js';
import type { Logger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';

/** What one API connection may hold. */
export interface ApiConnectionLimits {
  /** Calls waiting for their answer; one more is answered TOO_MANY_REQUESTS at once. */
  callsInFlight: number;
  /**
   * Bytes queued towards the client past which its further frames are not read until the queue drains: a client
   * that sends calls and never reads their answers fills its own TCP window, not the server's memory.
   */
  readPauseBytes: number;
}

/** Reads one frame; null when it is not a call any Xenith client sends. */
function parseFrame(data: Buffer, isBinary: boolean): ClientFrame | null {
  if (isBinary) return null;
  try {
    const parsed = clientFrameSchema.safeParse(JSON.parse(data.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Carries contract calls and events (broadcast and this client's own) over one authenticated WebSocket. */
export function attachApiConnection(socket: WebSocket, server: XenithServer, limits: ApiConnectionLimits, logger: Logger): void {
  // ws reports a frame it cannot accept (over maxPayload, text that is not UTF-8, a bad opcode) as an 'error' and
  // closes the socket with the matching code itself; without a listener that error would end the process.
  socket.on('error', (error) => logger.warn('closed an API socket after a malformed frame', { error: error.message }));
  const resumeIfDrained = () => {
    if (socket.isPaused && socket.bufferedAmount <= limits.readPauseBytes) socket.resume();
  };
  const send = (frame: ServerFrame) => {
    if (socket.readyState !== socket.OPEN) return;
    // The callback runs once this frame is handed to the kernel, i.e. as the queue drains.
    socket.send(JSON.stringify(frame), resumeIfDrained);
    if (socket.bufferedAmount > limits.readPauseBytes && !socket.isPaused) socket.pause();
  };
  const session = server.connectClient({
    send: ({ event, payload }) => send({ type: 'event', event, payload }),
    backlogBytes: () => socket.bufferedAmount,
  });
  let inFlight = 0;
  socket.on('close', () => session.close());
  socket.on('message', async (data: Buffer, isBinary) => {
    const frame = parseFrame(data, isBinary);
    if (!frame) {
      // Without a valid frame there is no id to answer to; the client sent something no Xenith UI sends.
      socket.close(1003, 'Malformed frame');
      return;
    }
    if (inFlight >= limits.callsInFlight) {
      const message = `This connection already has ${limits.callsInFlight} calls waiting for an answer; send more once some have finished.`;
      send({ type: 'result', id: frame.id, ok: false, error: makeApiError(XenithErrorCode.tooManyRequests, message) });
      return;
    }
    inFlight++;
    try {
      const result = await session.dispatch(frame.method, frame.input);
      send(result.ok ? { type: 'result', id: frame.id, ok: true, output: result.output } : { type: 'result', id: frame.id, ok: false, error: result.error });
    } catch (error) {
      send({ type: 'result', id: frame.id, ok: false, error: makeApiError(XenithErrorCode.internal, String(error)) });
    } finally {
      inFlight--;
    }
  });
}
