import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { CallResult } from '../../shared/api/result.js';
import type { Bridge } from '../bridge/bridge.js';
import { EventListeners } from '../bridge/event-listeners.js';

type Handler = (input: unknown) => CallResult<unknown> | Promise<CallResult<unknown>>;

/** An in-memory bridge for unit tests: scripted call results, events emitted by hand, calls recorded. */
export interface FakeBridge extends Bridge {
  readonly calls: { method: MethodName; input: unknown }[];
  handle<M extends MethodName>(method: M, handler: (input: MethodInput<M>) => CallResult<MethodOutput<M>> | Promise<CallResult<MethodOutput<M>>>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setConnected(connected: boolean): void;
}

export function createFakeBridge(): FakeBridge {
  const handlers = new Map<string, Handler>();
  const listeners = new EventListeners();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const calls: { method: MethodName; input: unknown }[] = [];
  return {
    transport: 'websocket',
    calls,
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers.get(method);
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `no fake for ${method}` } };
      return (await handler(input)) as never;
    },
    subscribe(event, listener) {
      return listeners.add(event, listener as (payload: never) => void);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    handle(method, handler) {
      handlers.set(method, handler as Handler);
    },
    emit(event, payload) {
      listeners.emit(event, payload);
    },
    setConnected(connected) {
      connectionListeners.forEach((listener) => listener(connected));
    },
  };
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
