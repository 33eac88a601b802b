import type { HostInfo } from '../ports.js';
import type { TransferDeps } from '../transfer/transfer-deps.js';
import type { FileLinks } from '../transport/file-links.js';
import type { FileHandles } from './file-handles.js';

/** What exports and imports need besides a transfer's deps: where files come from and go to. */
export interface FileServices {
  /** Files chosen in the desktop shell's native dialogs. */
  handles: FileHandles;
  /** One-time download and upload links (served by serve mode only). */
  links: FileLinks;
  /** desktop: files through handles; serve: through the browser's downloads and uploads. */
  mode: HostInfo['mode'];
}

export type FileDeps = TransferDeps & { files: FileServices };
