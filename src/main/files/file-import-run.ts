import { JobCancelledError } from '../jobs/job-cancelled.js';
import type { JobControl } from '../jobs/job-registry.js';
import { describeStreamFailure } from './file-errors.js';
import { cleanUpFileTransfer, fileTransferRecord, newFileTransferId } from './file-journal.js';
import type { FileDeps } from './file-services.js';
import type { ImportSource, OpenedFile } from './import-source.js';
import { ImportProgress } from './import-progress.js';

/** What an import's work gets: its transfer, its file, and how to report. */
export interface ImportContext {
  transferId: string;
  signal: AbortSignal;
  job: JobControl;
  opened: OpenedFile;
  progress: ImportProgress;
}

/** Resolves with `promise`, or rejects with the signal's reason once it is aborted (a cancel while waiting). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return Promise.race([promise, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }))]);
}

/**
 * Keeps what an import made: the journal forgets the VM, its disks and the import task (whose clean-up removes
 * what the task made), so nothing can remove them from here on; only the disk uploads' tasks stay, to destroy.
 */
export function keepImported(deps: FileDeps, transferId: string): Promise<void> {
  return deps.transfers.journal.update(transferId, (record) => ({ ...record, objects: record.objects.filter((object) => object.role === 'upload-task') }));
}

/**
 * The frame every file import runs in: journalled from the start, the file opened (for an upload, when the browser
 * sends it), the work run, then what the transfer made but does not keep removed. A failure or a cancel removes
 * everything it made from the pool (the journal's clean-up, also after a crash) and tells the uploader; the job
 * fails with the file's problem named.
 */
export async function runFileImport(deps: FileDeps, job: JobControl, source: ImportSource, poolId: string, work: (context: ImportContext) => Promise<string>): Promise<string> {
  const { transfers } = deps;
  const transferId = newFileTransferId();
  const controller = new AbortController();
  const progress = new ImportProgress(job, [0.02, 0.97]);
  transfers.active.add(transferId);
  const stopCancel = job.onCancel(() => controller.abort(new JobCancelledError()));
  let opened: OpenedFile | null = null;
  try {
    await transfers.journal.begin(fileTransferRecord(transferId, 'import', source.name, poolId, '', null));
    opened = await untilAborted(source.open(), controller.signal);
    progress.setSize(opened.size);
    const result = await work({ transferId, signal: controller.signal, job, opened, progress });
    progress.done();
    await keepImported(deps, transferId);
    await cleanUpFileTransfer(deps, transferId);
    source.finish(true, `Imported ${source.name}.`);
    job.setProgress(1);
    return result;
  } catch (error) {
    controller.abort(error);
    opened?.stream.destroy();
    const described = job.cancelRequested ? new JobCancelledError() : describeStreamFailure(error, { direction: 'import', poolId, file: source.name });
    source.abort(described instanceof Error ? described : new Error(String(described)));
    await cleanUpFileTransfer(deps, transferId);
    throw described;
  } finally {
    stopCancel();
    job.setTaskRefs([]);
    transfers.active.delete(transferId);
  }
}
