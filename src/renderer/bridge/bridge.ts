import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { CallResult } from '../../shared/api/result.js';

/** How the renderer reaches the server, whichever transport carries it. */
export interface Bridge {
  readonly transport: 'electron' | 'websocket';
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Connection state changes (the WebSocket can drop; IPC cannot). */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}
