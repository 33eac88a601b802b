import { createContext, useContext } from 'react';
import type { Bridge } from '../bridge/bridge.js';

export const BridgeContext = createContext<Bridge | null>(null);

/** The bridge for components that make calls; provided once at the root. */
export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeContext');
  return bridge;
}
