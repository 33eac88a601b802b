import { create } from 'zustand';
import { preloadGlobalName, type PreloadApi } from '../../../shared/api/preload-api.js';

/** Messages between the main window and undocked console windows. */
type DockMessage = { type: 'undocked' | 'docked' | 'dock'; objectId: string };

const channelName = 'xenith-consoles';

/** The hash route an undocked console window shows. */
export function consoleRoute(objectId: string): string {
  return `#/console/${encodeURIComponent(objectId)}`;
}

/** The object id when this page is an undocked console window, else null. */
export function undockedConsoleId(hash: string = location.hash): string | null {
  const match = /^#\/console\/(.+)$/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

interface DockingState {
  undocked: ReadonlySet<string>;
  set(objectId: string, undocked: boolean): void;
}

/** Which consoles currently live in their own window (so the tab shows a placeholder instead). */
export const useConsoleDocking = create<DockingState>()((set) => ({
  undocked: new Set(),
  set: (objectId, undocked) =>
    set((state) => {
      const next = new Set(state.undocked);
      if (undocked) next.add(objectId);
      else next.delete(objectId);
      return { undocked: next };
    }),
}));

let channel: BroadcastChannel | null = null;
function dockChannel(): BroadcastChannel {
  channel ??= new BroadcastChannel(channelName);
  return channel;
}

/** Main window: follows console windows opening and closing. */
export function listenForConsoleWindows(): () => void {
  const onMessage = (event: MessageEvent<DockMessage>) => {
    if (event.data.type === 'undocked') useConsoleDocking.getState().set(event.data.objectId, true);
    if (event.data.type === 'docked') useConsoleDocking.getState().set(event.data.objectId, false);
  };
  dockChannel().addEventListener('message', onMessage);
  return () => dockChannel().removeEventListener('message', onMessage);
}

/** Opens the console in its own window: an Electron window where the shell offers one, else a browser tab. */
export function undockConsole(objectId: string): void {
  const shell = (globalThis as Record<string, unknown>)[preloadGlobalName] as PreloadApi | undefined;
  if (shell?.openConsoleWindow) shell.openConsoleWindow(objectId);
  else window.open(`${location.pathname}${consoleRoute(objectId)}`, '_blank');
  useConsoleDocking.getState().set(objectId, true);
}

/** Main window: asks the console window to close, which docks the console back into its tab. */
export function dockConsole(objectId: string): void {
  dockChannel().postMessage({ type: 'dock', objectId } satisfies DockMessage);
  useConsoleDocking.getState().set(objectId, false);
}

/** Console window: announces itself, closes when asked to dock, and says so when it goes away. */
export function runAsConsoleWindow(objectId: string): void {
  dockChannel().postMessage({ type: 'undocked', objectId } satisfies DockMessage);
  dockChannel().addEventListener('message', (event: MessageEvent<DockMessage>) => {
    if (event.data.type === 'dock' && event.data.objectId === objectId) window.close();
  });
  window.addEventListener('pagehide', () => dockChannel().postMessage({ type: 'docked', objectId } satisfies DockMessage));
}
