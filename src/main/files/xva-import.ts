import { pipeline } from 'node:stream/promises';
import type { Xapi } from 'xen-api';
import { ApiFailure } from '../api/failure.js';
import { poolClient } from '../actions/action-context.js';
import type { ByteReader } from '../formats/byte-reader.js';
import { decompressingInto, type Compression } from '../formats/compression.js';
import { describeXva, type XvaDescription } from '../formats/xva-description.js';
import { XvaCheckSink } from '../formats/xva-verifier.js';
import { refsInTaskResult } from '../jobs/job-xapi.js';
import type { TaskOutcome } from '../jobs/task-watcher.js';
import { PinnedHttpsAgent } from '../trust/pinned-tls.js';
import { finishPlaceholder, placeInterfaces, verifyArrivedDisks } from '../transfer/placeholder-vm.js';
import { watchImportPlaceholder } from '../transfer/placeholder-watch.js';
import { importEndpoint } from '../transfer/transfer-plan.js';
import { createJournalled, taskOutcomeError, transferObjectName } from '../transfer/transfer-steps.js';
import { openVmImport, unknownImportLength } from '../transfer/vm-import-stream.js';
import type { ImportContext } from './file-import-run.js';
import type { FileDeps } from './file-services.js';
import { Tee } from './tee.js';

/** Where an XVA goes and what becomes of it. */
export interface XvaImportRequest {
  poolId: string;
  srRef: string;
  /** The VM's networks: interface id (its device) → network of the pool, decided once ova.xml is read. */
  networks(description: XvaDescription): Record<string, string>;
  fileName: string;
}

/** How long a failed upload waits for the pool's word on its import task. */
const verdictWaitMs = 15_000;

function within(outcome: Promise<TaskOutcome>, ms: number): Promise<TaskOutcome | null> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([outcome.catch(() => null), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Imports an XVA file (plain, gzip or zstd, as it is: the pool decompresses it) into a pool's `/import`, while a
 * copy of the same pieces, decompressed here, goes through the checker: every chunk against its checksum. The new
 * VM is a start-blocked `[Importing…]` placeholder until the pool finished, the verifier found every chunk good and
 * its disks are the sizes ova.xml gives; a damaged chunk fails the import naming the chunk, and the frame
 * (runFileImport) removes whatever the pool made. Returns the VM.
 */
export async function importXva(deps: FileDeps, context: ImportContext, reader: ByteReader, compression: Compression, request: XvaImportRequest): Promise<string> {
  const { transferId, job, opened, signal } = context;
  const { poolId, srRef } = request;
  const client = (): Xapi => poolClient(deps.pools, poolId);
  const taskName = transferObjectName(transferId, 'Import', request.fileName);
  const importTask = await createJournalled(deps, transferId, { side: 'target', role: 'import-task', cls: 'task', name: taskName }, () => client().call<string>('task.create', taskName, 'Xenith imports a VM from a file'));
  job.setTaskRefs([importTask]);
  await deps.transfers.journal.addObject(transferId, { side: 'target', role: 'placeholder', cls: 'VM', name: '', ref: null });
  const abort = new AbortController();
  const stop = () => abort.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const outcome = deps.watcher.watch(importTask, (progress) => job.setProgress(0.02 + 0.95 * progress));
  outcome.catch(() => {});
  // A pool that fails its import (SR full, a checksum of its own) stops the reading at once.
  void outcome.then((ended) => {
    if (ended.status !== 'success') abort.abort(taskOutcomeError(deps, ended, importTask, poolId));
  }, () => {});
  // The VM's final name is only known once ova.xml is read; the placeholder's until then is the file's.
  let finalName = request.fileName.replace(/\.xva(\.gz|\.zst)?$/i, '');
  const placeholder = watchImportPlaceholder(deps, { transferId, name: finalName, poolId, importTask, client });
  const agent = new PinnedHttpsAgent(deps.transfers.pins);
  try {
    const upload = await openVmImport({ endpoint: importEndpoint(deps.mirror, deps.pools, poolId, srRef), agent, sessionId: client().sessionId ?? '', srRef, taskRef: importTask, length: opened.size ?? unknownImportLength });
    try {
      const check = new XvaCheckSink();
      check.verdict.catch((error: unknown) => abort.abort(error));
      const tee = new Tee([{ stream: upload.body, required: false }, { stream: decompressingInto(check, compression), required: true }]);
      await pipeline(reader.rest(), tee, { signal: abort.signal });
      const summary = await check.verdict;
      const description = describeXva(summary.ovaXml);
      finalName = description.name || finalName;
      // Every byte was sent and found good: now the pool's verdict (it completes once the last disk is written).
      const ended = (await within(outcome, deps.transfers.importSettleMs)) ?? (await within(outcome, verdictWaitMs));
      if (!ended) throw new ApiFailure('IMPORT_ERROR', 'The pool did not finish the import after the last byte. Nothing was kept on the pool.', { poolId });
      const failure = taskOutcomeError(deps, ended, importTask, poolId);
      if (failure) throw failure;
      const [vmRef] = refsInTaskResult(ended.status === 'success' ? ended.result : '');
      if (!vmRef) throw new ApiFailure('IMPORT_ERROR', 'The import finished without a VM.', { poolId });
      const ownBlocked = await placeholder.markedFor(vmRef);
      await verifyArrivedDisks(client(), vmRef, description.disks.map((disk) => ({ userdevice: disk.userdevice, virtualSize: disk.virtualSize, physicalUtilisation: 0 })));
      await placeInterfaces(client(), vmRef, new Map(Object.entries(request.networks(description))));
      job.throwIfCancelled();
      const template = await client().call<boolean>('VM.get_is_a_template', vmRef);
      await finishPlaceholder(client(), vmRef, finalName, ownBlocked, template);
      await client().call('task.destroy', importTask).catch(() => {});
      deps.transfers.logger.info('VM imported from a file', { transferId, chunks: summary.chunks, compression });
      return vmRef;
    } catch (error) {
      // The pool's own reason explains a broken upload better than the connection does; a damaged file explains itself.
      const cause = abort.signal.aborted ? abort.signal.reason : error;
      if (cause === error && (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        const said = await within(outcome, verdictWaitMs);
        throw (said && taskOutcomeError(deps, said, importTask, poolId)) ?? error;
      }
      throw cause;
    } finally {
      upload.close();
    }
  } finally {
    signal.removeEventListener('abort', stop);
    placeholder.stop();
    agent.destroy();
  }
}
