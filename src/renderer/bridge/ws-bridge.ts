import { makeApiError, XenithErrorCode } from '../../shared/api/errors.js';
import type { CallResult } from '../../shared/api/result.js';
import { apiSocketPath, type ClientFrame, type ServerFrame } from '../../shared/api/wire.js';
import type { Bridge } from './bridge.js';
import { EventListeners } from './event-listeners.js';

const reconnectDelayMs = 1000;

/**
 * The serve-mode transport: one WebSocket to the page's own origin (the access cookie rides along),
 * reconnecting when it drops. Calls made while disconnected fail at once with a TRANSPORT error.
 */
export function createWebSocketBridge(url = `${socketScheme()}//${location.host}${apiSocketPath}`): Bridge {
  const pending = new Map<number, (result: CallResult<never>) => void>();
  const listeners = new EventListeners();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<boolean>;

  const setConnected = (connected: boolean) => connectionListeners.forEach((listener) => listener(connected));

  function connect() {
    socket = new WebSocket(url);
    ready = new Promise((resolve) => {
      socket.addEventListener('open', () => {
        setConnected(true);
        resolve(true);
      });
      socket.addEventListener('close', () => {
        resolve(false);
        setConnected(false);
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle({ ok: false, error: makeApiError(XenithErrorCode.transport, 'The connection to the Xenith server was lost.') });
        }
        setTimeout(connect, reconnectDelayMs);
      });
    });
    socket.addEventListener('message', (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.type === 'result') {
        const settle = pending.get(frame.id);
        pending.delete(frame.id);
        settle?.(frame.ok ? { ok: true, output: frame.output as never } : { ok: false, error: frame.error });
      } else {
        listeners.emit(frame.event, frame.payload);
      }
    });
  }
  connect();

  return {
    transport: 'websocket',
    async call(method, input) {
      if (!(await ready)) {
        return { ok: false, error: makeApiError(XenithErrorCode.transport, 'Xenith is not connected to its server.') };
      }
      const id = nextId++;
      const frame: ClientFrame = { type: 'call', id, method, input };
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: CallResult<never>) => void);
        socket.send(JSON.stringify(frame));
      });
    },
    subscribe(event, listener) {
      return listeners.add(event, listener as (payload: never) => void);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** wss: when the page came over HTTPS (serve mode with TLS), ws: otherwise: a page cannot open ws: from https:. */
function socketScheme(): 'wss:' | 'ws:' {
  return location.protocol === 'https:' ? 'wss:' : 'ws:';
}
