import type { TransferDeps } from '../transfer/transfer-deps.js';
import type { FileLinks } from '../transport/file-links.js';
import type { FileHandles } from './file-handles.js';

/** What exports and imports need besides a transfer's deps: where files come from and go to. */
export interface FileServices {
  /** Files chosen in the desktop shell's native dialogs. */
  handles: FileHandles;
  /** One-time download and upload links, offered while a transport serves them (serve mode, the local socket). */
  links: FileLinks;
}

export type FileDeps = TransferDeps & { files: FileServices };
