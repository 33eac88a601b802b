import type { CommandId } from '../ui/menu-model.js';
import type { EventName, MethodInput, MethodName, MethodOutput } from './contract.js';
import type { CallResult } from './result.js';

/** IPC channel for one contract method (one channel per method: there is no generic invoke). */
export function methodChannel(method: MethodName): string {
  return `xenith:call:${method}`;
}

/** IPC channel carrying server events to a window. */
export const eventChannel = 'xenith:event';

/** One named function per contract method, as the preload exposes them. */
export type PreloadMethods = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<CallResult<MethodOutput<M>>>;
};

/**
 * What the Electron preload exposes on `window.xenith` through contextBridge.
 * The renderer uses it when present and falls back to the WebSocket transport otherwise.
 */
export interface PreloadApi {
  readonly methods: PreloadMethods;
  /** Registers a listener for one server event; returns a function that removes it. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Where the window runs, so the renderer can adapt (native menu in Electron). */
  readonly shell: 'electron';
  /** Opens a console in its own app window (same security settings, only the console view). */
  openConsoleWindow?(objectId: string): void;
  /**
   * Registers the listener for the native menu: the shell sends the id of the command a person chose (only ids of
   * the shared menu model get through). Returns a function that removes the listener.
   */
  onMenuCommand?(listener: (commandId: CommandId) => void): () => void;
}

/** IPC channel of the shell request that opens a console window (not a server call: windows are the shell's). */
export const openConsoleWindowChannel = 'xenith:shell:open-console-window';

/** IPC channel on which the shell tells a window which native menu command was chosen (main → window only). */
export const menuCommandChannel = 'xenith:shell:menu-command';

/** The global name the preload exposes the API under. */
export const preloadGlobalName = 'xenith';
