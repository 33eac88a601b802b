import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppFrame } from './app/app-frame.js';
import { BridgeContext } from './app/bridge-context.js';
import { loadServerState } from './app/load-server-state.js';
import { createBridge } from './bridge/create-bridge.js';
import { listenForConsoleWindows, runAsConsoleWindow, undockedConsoleId } from './features/console/console-docking.js';
import { ConsoleWindow } from './features/console/console-tab.js';
import { useAppStore } from './store/app-store.js';
import { startObjectStream } from './store/objects-stream.js';
import { startJobsSync } from './store/jobs-sync.js';
import { startPoolsSync } from './store/pools-sync.js';
import './styles/app.css';

const bridge = createBridge();
loadServerState(bridge);
startPoolsSync(bridge, (error) => useAppStore.getState().setError(error));
startJobsSync(bridge, (error) => useAppStore.getState().setError(error));
startObjectStream(bridge, { onError: (error) => useAppStore.getState().setError(error) });

// An undocked console window shows only that console; the main window follows such windows.
const consoleId = undockedConsoleId();
if (consoleId) runAsConsoleWindow(consoleId);
else listenForConsoleWindows();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={bridge}>{consoleId ? <ConsoleWindow objectId={consoleId} /> : <AppFrame />}</BridgeContext.Provider>
  </StrictMode>,
);
