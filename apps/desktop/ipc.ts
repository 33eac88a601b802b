import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { methodNames } from '../../src/shared/api/contract.js';
import { makeApiError, XenithErrorCode } from '../../src/shared/api/errors.js';
import { eventChannel, methodChannel, openConsoleWindowChannel } from '../../src/shared/api/preload-api.js';
import type { CallResult } from '../../src/shared/api/result.js';
import type { Logger } from '../../src/main/logging/logger.js';
import type { ClientSession, XenithServer } from '../../src/main/server.js';
import { isAppUrl } from './app-origin.js';
import { registerFileDialogs } from './file-dialogs.js';
import { checkSender, type SenderFacts } from './sender-check.js';
import type { AppWindows } from './window.js';

/**
 * Connects the contract to Electron IPC: one handler per method channel, each checking the sender frame
 * before the server sees the call; each window is a client session receiving broadcast events and its own
 * streams. Returns an undo function.
 */
export function connectIpcBridge(server: XenithServer, windows: AppWindows, logger: Logger, preloadPath: string): () => void {
  // Each window is one client of the server: it gets broadcast events and its own object stream.
  const sessions = new Map<number, ClientSession>();
  const sessionFor = (contents: WebContents): ClientSession => {
    const existing = sessions.get(contents.id);
    if (existing) return existing;
    const session = server.connectClient(
      {
        send: ({ event, payload }) => {
          // Only a page still showing the app gets events; a window mid-navigation gets nothing.
          if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(eventChannel, { event, payload });
        },
        backlogBytes: () => 0,
      },
      `window:${contents.id}`,
    );
    sessions.set(contents.id, session);
    contents.once('destroyed', () => {
      sessions.delete(contents.id);
      session.close();
    });
    return session;
  };

  for (const method of methodNames) {
    ipcMain.handle(methodChannel(method), async (event, input: unknown): Promise<CallResult<unknown>> => {
      const verdict = checkSender(senderFacts(event, windows));
      if (!verdict.trusted) {
        logger.warn('refused an IPC call', { method, reason: verdict.reason });
        return {
          ok: false,
          error: makeApiError(XenithErrorCode.unauthorized, `Xenith refused ${method}: ${verdict.reason}.`),
        };
      }
      return sessionFor(event.sender).dispatch(method, input);
    });
  }

  // The one shell request: open a console in its own window (windows belong to the shell, not the server).
  const onOpenConsole = (event: IpcMainEvent, objectId: unknown) => {
    const verdict = checkSender(senderFacts(event, windows));
    if (!verdict.trusted || typeof objectId !== 'string' || objectId.length === 0 || objectId.length > 200) {
      logger.warn('refused a console window request', { reason: verdict.trusted ? 'bad object id' : verdict.reason });
      return;
    }
    windows.openConsole(preloadPath, objectId);
  };
  ipcMain.on(openConsoleWindowChannel, onOpenConsole);
  // The other shell request: a native Save or Open dialog, answered with a file handle (dialogs are the shell's too).
  const stopFileDialogs = registerFileDialogs(server, logger, (event) => senderFacts(event, windows));

  return () => {
    stopFileDialogs();
    ipcMain.removeListener(openConsoleWindowChannel, onOpenConsole);
    for (const method of methodNames) ipcMain.removeHandler(methodChannel(method));
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}

/** Reads what checkSender needs off Electron's event. */
function senderFacts(event: IpcMainInvokeEvent | IpcMainEvent, windows: AppWindows): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null && frame === event.sender.mainFrame,
    fromAppWindow: windows.owns(event.sender),
  };
}
