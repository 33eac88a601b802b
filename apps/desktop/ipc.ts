import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { methodNames } from '../../src/shared/api/contract.js';
import { makeApiError, XenithErrorCode } from '../../src/shared/api/errors.js';
import { eventChannel, methodChannel } from '../../src/shared/api/preload-api.js';
import type { CallResult } from '../../src/shared/api/result.js';
import type { Logger } from '../../src/main/logging/logger.js';
import type { XenithServer } from '../../src/main/server.js';
import { isAppUrl } from './app-origin.js';
import { checkSender, type SenderFacts } from './sender-check.js';
import type { AppWindows } from './window.js';

/**
 * Connects the contract to Electron IPC: one handler per method channel, each checking the sender frame
 * before the server sees the call, and server events pushed to every app window. Returns an undo function.
 */
export function connectIpcBridge(server: XenithServer, windows: AppWindows, logger: Logger): () => void {
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
      return server.dispatch(method, input, { clientId: `window:${event.sender.id}` });
    });
  }

  const unsubscribe = server.subscribe((serverEvent) => {
    for (const window of windows.all()) {
      // Only a page still showing the app gets events; a window mid-navigation gets nothing.
      if (isAppUrl(window.webContents.getURL())) window.webContents.send(eventChannel, serverEvent);
    }
  });

  return () => {
    for (const method of methodNames) ipcMain.removeHandler(methodChannel(method));
    unsubscribe();
  };
}

/** Reads what checkSender needs off Electron's event. */
function senderFacts(event: IpcMainInvokeEvent, windows: AppWindows): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null && frame === event.sender.mainFrame,
    fromAppWindow: windows.owns(event.sender),
  };
}
