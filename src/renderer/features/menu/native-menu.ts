import { preloadGlobalName, type PreloadApi } from '../../../shared/api/preload-api.js';
import type { Bridge } from '../../bridge/bridge.js';
import { commands, runCommand } from '../../commands/registry.js';
import { currentCommandSelection } from '../../commands/use-command-selection.js';

/**
 * In Electron the menu bar is the native one, built from the same model: the shell sends the chosen command's id
 * and the renderer runs it against the current selection (a disabled one does nothing). No-op in a browser.
 */
export function listenForNativeMenuCommands(bridge: Bridge): () => void {
  const api = (globalThis as Record<string, unknown>)[preloadGlobalName] as PreloadApi | undefined;
  if (!api?.onMenuCommand) return () => {};
  return api.onMenuCommand((commandId) => {
    const command = commands.get(commandId);
    if (command) runCommand(command, { bridge, selection: currentCommandSelection() });
  });
}
