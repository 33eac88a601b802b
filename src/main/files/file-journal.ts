import { randomBytes } from 'node:crypto';
import { cleanUpTransfer } from '../transfer/transfer-cleanup-run.js';
import type { TransferDeps } from '../transfer/transfer-deps.js';
import type { TransferRecord } from '../transfer/transfer-journal.js';

/** A new transfer id: unique enough to name the transfer's objects on a pool. */
export function newFileTransferId(): string {
  return randomBytes(8).toString('hex');
}

/** The journal record a file export or import starts with (both sides are the one pool). */
export function fileTransferRecord(transferId: string, action: 'export' | 'import', vmName: string, poolId: string, vmRef: string, tempFile: string | null): TransferRecord {
  return {
    transferId, action, vmName, startedAt: new Date().toISOString(), step: 'starting',
    sourcePoolId: poolId, targetPoolId: poolId, sourceVmRef: vmRef, objects: [], deleteSource: false, cleaned: [], tempFile,
  };
}

/** Removes what a file transfer left (its snapshot, clone, placeholder, disks, tasks, partial file); logs what it could not. */
export async function cleanUpFileTransfer(deps: TransferDeps, transferId: string): Promise<void> {
  try {
    const outcome = await cleanUpTransfer(deps, transferId);
    if (!outcome.complete) deps.transfers.logger.warn('file transfer clean-up incomplete; it is retried when the pool reconnects', { transferId, pending: outcome.pending, error: String(outcome.error ?? '') });
  } catch (error) {
    deps.transfers.logger.warn('file transfer clean-up failed; it is retried when the pool reconnects', { transferId, error: String(error) });
  }
}
