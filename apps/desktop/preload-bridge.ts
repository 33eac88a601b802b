import { isEventName, methodNames, type EventName } from '../../src/shared/api/contract.js';
import { makeApiError, XenithErrorCode } from '../../src/shared/api/errors.js';
import { methodChannel, openConsoleWindowChannel, type PreloadApi, type PreloadMethods } from '../../src/shared/api/preload-api.js';
import type { CallResult } from '../../src/shared/api/result.js';

/** The two IPC capabilities the preload needs; preload.ts passes ipcRenderer's, tests pass fakes of plain data. */
export interface PreloadIpc {
  /** Invokes one IPC channel with one argument. Never exposed to the page itself. */
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Registers the single listener for server events arriving on the event channel. */
  listenForEvents(listener: (message: unknown) => void): void;
  /** Sends a one-way shell request (open a console window) on a fixed channel. */
  send(channel: string, argument: string): void;
}

/**
 * Builds the API the preload exposes on `window.xenith`.
 *
 * SECURITY-CRITICAL: one named function per contract method, each bound to its own channel; there is no
 * generic invoke and ipcRenderer never reaches the page. Event names are checked against the contract.
 */
export function buildPreloadApi(ipc: PreloadIpc): PreloadApi {
  const methods: Record<string, (input: unknown) => Promise<CallResult<unknown>>> = {};
  for (const name of methodNames) {
    const channel = methodChannel(name);
    methods[name] = async (input: unknown) => {
      try {
        return (await ipc.invoke(channel, input)) as CallResult<unknown>;
      } catch (error) {
        return {
          ok: false,
          error: makeApiError(XenithErrorCode.transport, `The call ${name} did not reach Xenith: ${String(error)}`),
        };
      }
    };
  }

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  ipc.listenForEvents((message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });

  const api: PreloadApi = {
    methods: Object.freeze(methods) as unknown as PreloadMethods,
    subscribe(event, listener) {
      if (!isEventName(event)) throw new TypeError(`There is no event called ${String(event)}.`);
      if (typeof listener !== 'function') throw new TypeError('An event listener must be a function.');
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    shell: 'electron',
    openConsoleWindow(objectId) {
      if (typeof objectId !== 'string' || objectId.length === 0 || objectId.length > 200) throw new TypeError('A console window needs an object id.');
      ipc.send(openConsoleWindowChannel, objectId);
    },
  };
  return Object.freeze(api);
}
