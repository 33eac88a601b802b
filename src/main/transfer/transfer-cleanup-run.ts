import { rm } from 'node:fs/promises';
import { removeTransferLeftovers, type CleanupReport } from './transfer-cleanup.js';
import type { TransferDeps } from './transfer-deps.js';
import type { TransferRecord, TransferSide } from './transfer-journal.js';

/** How a clean-up went: `complete` once both pools are clean (the transfer then leaves the journal). */
export interface CleanupOutcome {
  complete: boolean;
  report: CleanupReport;
  /** Sides still to clean (their pool is not connected, or a removal failed). */
  pending: TransferSide[];
  /** The first removal that failed (the side stays journalled and is tried again on the next reconnect). */
  error: unknown;
}

function poolOf(record: TransferRecord, side: TransferSide): string {
  return side === 'source' ? record.sourcePoolId : record.targetPoolId;
}

/** Whether a side has anything to remove. */
function hasWork(record: TransferRecord, side: TransferSide): boolean {
  return record.objects.some((object) => object.side === side) || (side === 'source' && record.deleteSource);
}

/**
 * Removes what a transfer left on each of its pools that is connected now, destination first (its import is
 * cancelled, so the pool undoes it, before anything else goes), and records each clean side in the journal. The
 * transfer leaves the journal once both sides are clean; a side whose pool is away waits for it to reconnect.
 */
export async function cleanUpTransfer(deps: TransferDeps, transferId: string): Promise<CleanupOutcome> {
  const { journal } = deps.transfers;
  const report: CleanupReport = { vms: 0, vdis: 0, tasks: 0, networks: 0 };
  const pending: TransferSide[] = [];
  let failure: unknown = null;
  // An export's partial file goes first: it is on this machine, whatever the pools' state.
  const tempFile = journal.get(transferId)?.tempFile;
  if (tempFile) {
    try {
      await rm(tempFile, { force: true });
      await journal.update(transferId, (current) => ({ ...current, tempFile: null }));
    } catch (error) {
      failure = error;
    }
  }
  for (const side of ['target', 'source'] as const) {
    const record = journal.get(transferId);
    if (!record || record.cleaned.includes(side)) continue;
    if (hasWork(record, side)) {
      const poolId = poolOf(record, side);
      const client = deps.pools.has(poolId) ? deps.pools.connection(poolId).client : null;
      if (!client) {
        pending.push(side);
        continue;
      }
      try {
        const removed = await removeTransferLeftovers(record, side, { client, mirror: deps.mirror, poolId });
        report.vms += removed.vms;
        report.vdis += removed.vdis;
        report.tasks += removed.tasks;
        report.networks += removed.networks;
      } catch (error) {
        pending.push(side);
        failure ??= error;
        continue;
      }
    }
    await journal.update(transferId, (current) => ({
      ...current,
      objects: current.objects.filter((object) => object.side !== side),
      cleaned: [...current.cleaned, side],
    }));
  }
  const complete = pending.length === 0 && !journal.get(transferId)?.tempFile;
  if (complete) await journal.end(transferId);
  return { complete, report, pending, error: failure };
}
