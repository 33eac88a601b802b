import { isEventName, methodNames, type EventName } from '../../src/shared/api/contract.js';
import { makeApiError, XenithErrorCode } from '../../src/shared/api/errors.js';
import { chooseFileChannel, methodChannel, openConsoleWindowChannel, type PreloadApi, type PreloadMethods } from '../../src/shared/api/preload-api.js';
import type { CallResult } from '../../src/shared/api/result.js';
import { isCommandId, type CommandId } from '../../src/shared/ui/menu-model.js';
import { readFileDialogChoice, readFileDialogRequest } from './file-dialog-request.js';

/** The two IPC capabilities the preload needs; preload.ts passes ipcRenderer's, tests pass fakes of plain data. */
export interface PreloadIpc {
  /** Invokes one IPC channel with one argument. Never exposed to the page itself. */
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Registers the single listener for server events arriving on the event channel. */
  listenForEvents(listener: (message: unknown) => void): void;
  /** Sends a one-way shell request (open a console window) on a fixed channel. */
  send(channel: string, argument: string): void;
  /** Registers the single listener for native menu choices arriving on the menu command channel. */
  listenForMenuCommands(listener: (commandId: unknown) => void): void;
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

  // Native menu choices: only ids of the shared menu model reach the page, whatever arrives on the channel.
  const menuListeners = new Set<(commandId: CommandId) => void>();
  ipc.listenForMenuCommands((commandId) => {
    if (!isCommandId(commandId)) return;
    for (const listener of menuListeners) listener(commandId);
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
    async chooseFile(request) {
      // Only plain, bounded data crosses: the answer is a handle and a name, never a path.
      const checked = readFileDialogRequest(request);
      if (!checked) throw new TypeError('A file dialog needs a mode, a title and plain filters.');
      return readFileDialogChoice(await ipc.invoke(chooseFileChannel, checked));
    },
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('A menu command listener must be a function.');
      menuListeners.add(listener);
      return () => {
        menuListeners.delete(listener);
      };
    },
  };
  return Object.freeze(api);
}
