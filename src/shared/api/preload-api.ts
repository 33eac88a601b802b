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
  /**
   * Shows the native Save or Open dialog: resolves with an opaque, single-use handle to the file chosen (the
   * server accepts it once; the page never sees the path) and the file's name to show, or null when cancelled.
   */
  chooseFile?(request: FileDialogRequest): Promise<FileDialogChoice | null>;
}

/** What the page asks of the native file dialog. */
export interface FileDialogRequest {
  mode: 'save' | 'open';
  title: string;
  /** The file name a Save dialog proposes. */
  suggestedName?: string;
  /** Kinds of files offered, as the dialog lists them ("XVA files": xva, gz, zst). */
  filters: { name: string; extensions: string[] }[];
}

/** The file chosen: a handle for the server and its name for the page (never its path). */
export interface FileDialogChoice {
  handle: string;
  name: string;
}

/** IPC channel of the shell request that shows a native Save or Open dialog (answers a file handle, not a path). */
export const chooseFileChannel = 'xenith:shell:choose-file';

/** IPC channel of the shell request that opens a console window (not a server call: windows are the shell's). */
export const openConsoleWindowChannel = 'xenith:shell:open-console-window';

/** IPC channel on which the shell tells a window which native menu command was chosen (main → window only). */
export const menuCommandChannel = 'xenith:shell:menu-command';

/** The global name the preload exposes the API under. */
export const preloadGlobalName = 'xenith';
