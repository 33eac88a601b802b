import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppFrame } from './app/app-frame.js';
import { BridgeContext } from './app/bridge-context.js';
import { loadServerState } from './app/load-server-state.js';
import { createBridge } from './bridge/create-bridge.js';
import { useAppStore } from './store/app-store.js';
import { startObjectStream } from './store/objects-stream.js';
import { startPoolsSync } from './store/pools-sync.js';
import './styles/app.css';

const bridge = createBridge();
loadServerState(bridge);
startPoolsSync(bridge, (error) => useAppStore.getState().setError(error));
startObjectStream(bridge, { onError: (error) => useAppStore.getState().setError(error) });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={bridge}>
      <AppFrame />
    </BridgeContext.Provider>
  </StrictMode>,
);
