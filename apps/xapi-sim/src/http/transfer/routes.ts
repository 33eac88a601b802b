/**
 * The transfer handlers of a host, by path (longest prefix, so `/export/` hits `/export`). Building the table
 * attaches the pool's disk store, so VDIs that exist now read as synthetic content and later ones start empty.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../api/engine.js';
import { disksFor } from '../../disk/disks-for-engine.js';
import { handleExport } from './export-handler.js';
import { handleImport } from './import-handler.js';
import { handleImportMetadata, handleXenopsMemory } from './migration-receive-handlers.js';
import { handleExportRawVdi, handleImportRawVdi } from './raw-vdi-handlers.js';
import type { RouteContext } from './transfer-context.js';

export type TransferHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

const ROUTES: ReadonlyArray<[string, TransferHandler]> = [
  ['/export', handleExport],
  ['/import', handleImport],
  ['/export_raw_vdi', handleExportRawVdi],
  ['/import_raw_vdi', handleImportRawVdi],
  ['/import_metadata', handleImportMetadata],
  ['/services/xenops/memory/', handleXenopsMemory],
];

/** The transfer routes for a host of `engine` (attaches the engine's disk store on first call). */
export function transferRoutes(engine: Engine): Map<string, TransferHandler> {
  disksFor(engine);
  return new Map(ROUTES);
}
