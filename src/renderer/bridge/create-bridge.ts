import { preloadGlobalName, type PreloadApi } from '../../shared/api/preload-api.js';
import type { Bridge } from './bridge.js';
import { createPreloadBridge } from './preload-bridge.js';
import { createWebSocketBridge } from './ws-bridge.js';

/** The preload API inside Electron, the WebSocket transport in a browser (serve mode). */
export function createBridge(): Bridge {
  const api = (globalThis as Record<string, unknown>)[preloadGlobalName] as PreloadApi | undefined;
  return api ? createPreloadBridge(api) : createWebSocketBridge();
}
