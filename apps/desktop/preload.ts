/**
 * The preload script of the main window (runs sandboxed, with context isolation).
 * It exposes exactly the contract on `window.xenith`; see preload-bridge.ts for the rules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventChannel, menuCommandChannel, preloadGlobalName } from '../../src/shared/api/preload-api.js';
import { buildPreloadApi } from './preload-bridge.js';

const api = buildPreloadApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  listenForEvents: (listener) => {
    // The IpcRendererEvent stays here: handing it to the page would leak ipcRenderer through event.sender.
    ipcRenderer.on(eventChannel, (_event, message: unknown) => listener(message));
  },
  send: (channel, argument) => ipcRenderer.send(channel, argument),
  listenForMenuCommands: (listener) => {
    ipcRenderer.on(menuCommandChannel, (_event, commandId: unknown) => listener(commandId));
  },
});

contextBridge.exposeInMainWorld(preloadGlobalName, api);
