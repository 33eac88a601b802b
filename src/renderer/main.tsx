import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppFrame } from './app/app-frame.js';
import { BridgeContext } from './app/bridge-context.js';
import { loadServerState } from './app/load-server-state.js';
import { createBridge } from './bridge/create-bridge.js';
import './styles/app.css';

const bridge = createBridge();
loadServerState(bridge);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={bridge}>
      <AppFrame />
    </BridgeContext.Provider>
  </StrictMode>,
);
