import type { PreloadApi } from '../../shared/api/preload-api.js';
import type { Bridge } from './bridge.js';

/** Uses the functions the Electron preload exposed, one per contract method. */
export function createPreloadBridge(api: PreloadApi): Bridge {
  return {
    transport: 'electron',
    call(method, input) {
      const fn = api.methods[method] as (input: unknown) => Promise<never>;
      return fn(input);
    },
    subscribe(event, listener) {
      return api.subscribe(event, listener as (payload: unknown) => void);
    },
    onConnectionChange(listener) {
      listener(true);
      return () => {};
    },
  };
}
