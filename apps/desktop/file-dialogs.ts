import { basename } from 'node:path';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { chooseFileChannel, type FileDialogChoice } from '../../src/shared/api/preload-api.js';
import type { Logger } from '../../src/main/logging/logger.js';
import type { XenithServer } from '../../src/main/server.js';
import { readFileDialogRequest } from './file-dialog-request.js';
import { checkSender, type SenderFacts } from './sender-check.js';

/**
 * The native Save and Open dialogs for exports and imports: the shell shows the dialog over the window that asked,
 * and answers an opaque, single-use handle the server issued for the chosen file, with its name — the page never
 * learns the path, and a path it makes up is not a handle. Returns an undo function.
 */
export function registerFileDialogs(server: XenithServer, logger: Logger, senderFacts: (event: IpcMainInvokeEvent) => SenderFacts): () => void {
  ipcMain.handle(chooseFileChannel, async (event, input: unknown): Promise<FileDialogChoice | null> => {
    const verdict = checkSender(senderFacts(event));
    const request = readFileDialogRequest(input);
    if (!verdict.trusted || !request) {
      logger.warn('refused a file dialog request', { reason: verdict.trusted ? 'malformed request' : verdict.reason });
      return null;
    }
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!window) return null;
    let path: string | undefined;
    if (request.mode === 'save') {
      const answer = await dialog.showSaveDialog(window, { title: request.title, ...(request.suggestedName ? { defaultPath: request.suggestedName } : {}), filters: request.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      path = answer.canceled ? undefined : answer.filePath;
    } else {
      const answer = await dialog.showOpenDialog(window, { title: request.title, filters: request.filters, properties: ['openFile'] });
      path = answer.canceled ? undefined : answer.filePaths[0];
    }
    if (!path) return null;
    return { handle: server.issueFileHandle({ path, mode: request.mode }), name: basename(path) };
  });
  return () => ipcMain.removeHandler(chooseFileChannel);
}
