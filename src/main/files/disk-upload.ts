import { pipeline } from 'node:stream/promises';
import type { Xapi } from 'xen-api';
import { ApiFailure } from '../api/failure.js';
import { poolClient } from '../actions/action-context.js';
import { frameChunks } from '../formats/chunked-raw.js';
import type { DiskExtent } from '../formats/disk-image.js';
import type { TaskOutcome } from '../jobs/task-watcher.js';
import { PinnedHttpsAgent } from '../trust/pinned-tls.js';
import type { TransferDeps } from '../transfer/transfer-deps.js';
import { importEndpoint } from '../transfer/transfer-plan.js';
import { createJournalled, taskOutcomeError } from '../transfer/transfer-steps.js';
import { openPoolUpload, unknownImportLength } from '../transfer/vm-import-stream.js';

/** How long the pool may take to say how a broken upload ended, before the connection's error is reported. */
const verdictWaitMs = 10_000;

function within(outcome: Promise<TaskOutcome>, ms: number): Promise<TaskOutcome | null> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([outcome.catch(() => null), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]).finally(() => clearTimeout(timer));
}

/** One disk to fill: where it is, and the task's name (unique to the transfer, journalled before it exists). */
export interface DiskUpload {
  transferId: string;
  poolId: string;
  srRef: string;
  vdiRef: string;
  taskName: string;
  extents: AsyncIterable<DiskExtent>;
  signal: AbortSignal;
  /** How long the pool may take to finish once the last frame went. */
  settleMs: number;
}

/**
 * Fills a new VDI from a disk image as it is read: XAPI's sparse `chunked` raw upload to `/import_raw_vdi` (only
 * what holds data travels; no 2 TiB cap), under a task of the transfer's (journalled first, so a crash leaves a
 * task the clean-up cancels). The upload announces more than it sends, as XAPI's clients do: the end frame ends
 * it, and the task alone says whether the disk is written. Returns when the pool completed the task.
 */
export async function uploadDisk(deps: TransferDeps, upload: DiskUpload): Promise<void> {
  const client: Xapi = poolClient(deps.pools, upload.poolId);
  const task = await createJournalled(deps, upload.transferId, { side: 'target', role: 'upload-task', cls: 'task', name: upload.taskName }, () =>
    client.call<string>('task.create', upload.taskName, 'Xenith imports a disk image'),
  );
  const outcome = deps.watcher.watch(task);
  outcome.catch(() => {});
  const agent = new PinnedHttpsAgent(deps.transfers.pins);
  try {
    const endpoint = importEndpoint(deps.mirror, deps.pools, upload.poolId, upload.srRef);
    const connection = await openPoolUpload({
      endpoint, agent, sessionId: client.sessionId ?? '', taskRef: task,
      path: '/import_raw_vdi', query: { vdi: upload.vdiRef, format: 'raw', chunked: 'true' }, length: unknownImportLength,
    });
    // A failure of the image itself (damaged, truncated) is reported as it is; only the pool can explain its side.
    let imageFailure: unknown = null;
    const frames = (async function* () {
      try {
        yield* frameChunks(upload.extents);
      } catch (error) {
        imageFailure = error;
        throw error;
      }
    })();
    try {
      try {
        await pipeline(frames, connection.body, { signal: upload.signal, end: false });
      } catch (error) {
        if (imageFailure !== null || upload.signal.aborted) throw imageFailure ?? error;
        // The pool's own reason (SR_FULL, VDI_IO_ERROR) explains a broken upload better than the connection does.
        const said = await within(outcome, verdictWaitMs);
        throw (said && taskOutcomeError(deps, said, task, upload.poolId)) ?? error;
      }
      const ended = await within(outcome, upload.settleMs);
      if (!ended) throw new ApiFailure('VDI_IO_ERROR', 'The pool did not finish writing the disk after its last byte.', { poolId: upload.poolId });
      const failure = taskOutcomeError(deps, ended, task, upload.poolId);
      if (failure) throw failure;
    } finally {
      connection.close();
    }
  } finally {
    agent.destroy();
  }
  await client.call('task.destroy', task).catch(() => {});
}
