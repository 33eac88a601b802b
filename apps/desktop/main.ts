/**
 * Electron main process: the app's lifecycle. Everything it wires lives in a file of its own
 * (window, security, protocol, ipc, menu); the server itself is src/main, host-agnostic.
 */
import path from 'node:path';
import { app, session } from 'electron';
import { createStreamLogger } from '../../src/main/logging/logger.js';
import { connectDemoPool } from '../../src/main/cli/demo-pool.js';
import { createServer, type XenithServer } from '../../src/main/server.js';
import { followLocalSocketSetting, type LocalSocketSwitch } from '../../src/main/transport/local-socket-switch.js';
import { within } from '../../src/main/util/within.js';
import { appOrigin } from './app-origin.js';
import { desktopPorts } from './desktop-ports.js';
import { connectIpcBridge } from './ipc.js';
import { installApplicationMenu } from './menu.js';
import { registerAppScheme, serveRendererBundle } from './protocol.js';
import { guardWebContents, hardenSession } from './security.js';
import { AppWindows } from './window.js';

// Bundled as dist/desktop/main.cjs next to preload.cjs; the renderer bundle is dist/renderer.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererDir = path.join(__dirname, '..', 'renderer');
const isDevelopment = !app.isPackaged;
const logger = createStreamLogger();
/** How long quitting waits for the pools to log out (each logout is bounded shorter). */
const quitBoundMs = 10_000;

// Tests run the unpackaged app with an isolated profile; a packaged app always uses the OS location.
const testDataDir = process.env['XENITH_USER_DATA_DIR'];
if (isDevelopment && testDataDir) app.setPath('userData', testDataDir);

registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  startDesktopApp();
} else {
  // Another Xenith is running: it gets focus (second-instance) and this process leaves.
  app.quit();
}

function startDesktopApp(): void {
  const windows = new AppWindows();
  let server: XenithServer | null = null;
  let localSocket: LocalSocketSwitch | null = null;

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, logger));
  app.on('second-instance', () => windows.focusFirst());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && windows.all().length === 0) windows.openMain(preloadPath);
  });
  // Quitting waits (bounded) for the server to close, which logs out of every pool: xen-api's own logout is not
  // awaited, and a process that exits first leaves its sessions on the pools.
  let closed = false;
  app.on('will-quit', (event) => {
    if (!server || closed) return;
    event.preventDefault();
    closed = true;
    const closing = (localSocket?.close() ?? Promise.resolve()).then(() => server?.close()).then(() => true);
    void within(closing, quitBoundMs, false).then((clean) => {
      if (!clean) logger.warn('the server did not close in time; quitting anyway', { boundMs: quitBoundMs });
      app.quit();
    });
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      serveRendererBundle(session.defaultSession.protocol, rendererDir);
      const ports = await desktopPorts(logger, (message) => logger.warn(message));
      server = createServer(ports);
      server.allowConsoleOrigins([appOrigin]);
      connectIpcBridge(server, windows, logger, preloadPath);
      await server.start();
      // The local API socket for xenith-cli, when Settings' switch is on (off by default).
      localSocket = followLocalSocketSetting(server, { logger });
      const demoPool = process.env['XENITH_DEMO_POOL'];
      if (demoPool) await connectDemoPool(server, demoPool, logger).catch((error: unknown) => logger.error(String(error)));
      installApplicationMenu(isDevelopment, windows);
      windows.openMain(preloadPath);
      logger.info('desktop app ready', { version: app.getVersion(), electron: process.versions.electron });
    })
    .catch((error: unknown) => {
      logger.error('desktop app failed to start', { error: String(error) });
      app.exit(1);
    });
}
