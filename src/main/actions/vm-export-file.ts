import { pipeline } from 'node:stream/promises';
import type { Xapi } from 'xen-api';
import type { FileJob } from '../../shared/api/methods/files.js';
import { exportFileName } from '../../shared/util/export-file-name.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { exportTarget, type ExportTarget } from '../files/export-target.js';
import { describeStreamFailure } from '../files/file-errors.js';
import { cleanUpFileTransfer, fileTransferRecord, newFileTransferId } from '../files/file-journal.js';
import type { FileDeps } from '../files/file-services.js';
import { Tee } from '../files/tee.js';
import { decompressingInto } from '../formats/compression.js';
import { XvaCheckSink } from '../formats/xva-verifier.js';
import { JobCancelledError } from '../jobs/job-cancelled.js';
import type { JobControl } from '../jobs/job-registry.js';
import { JobXapi } from '../jobs/job-xapi.js';
import { readDiskLayout } from '../transfer/placeholder-vm.js';
import { TransferMeter } from '../transfer/transfer-meter.js';
import { createJournalled, taskOutcomeError, transferObjectName } from '../transfer/transfer-steps.js';
import { openVmExport, type ExportCompression } from '../transfer/vm-export-stream.js';
import { ByteCounter } from '../transfer/xva-relay.js';
import { findObject, poolClient, quoted, startPoolJob } from './action-context.js';

/** How long the export task may take to end once the last byte arrived. */
const verdictWaitMs = 15_000;

/** How the job's bar is shared: the snapshot, the stream (by the export task's progress), the renaming. */
const streamSpan = [0.05, 0.98] as const;

/** One export: the steps, each journalled before it makes anything on the pool. */
class FileExport {
  readonly #deps: FileDeps;
  readonly #vm: XapiRecord<'VM'>;
  readonly #compression: ExportCompression;
  readonly #target: ExportTarget;
  readonly #transferId = newFileTransferId();
  readonly #job: JobControl;
  readonly #controller = new AbortController();
  readonly #meter = new TransferMeter('streaming');
  #shownAt = 0;

  constructor(deps: FileDeps, vm: XapiRecord<'VM'>, compression: ExportCompression, target: ExportTarget, job: JobControl) {
    this.#deps = deps;
    this.#vm = vm;
    this.#compression = compression;
    this.#target = target;
    this.#job = job;
  }

  #client(): Xapi {
    return poolClient(this.#deps.pools, this.#vm.$pool);
  }

  async run(): Promise<void> {
    const { transfers } = this.#deps;
    transfers.active.add(this.#transferId);
    const stopCancel = this.#job.onCancel(() => this.#controller.abort(new JobCancelledError()));
    try {
      await transfers.journal.begin(fileTransferRecord(this.#transferId, 'export', this.#vm.name_label, this.#vm.$pool, this.#vm.$id, this.#target.tempPath));
      await this.#export();
      // The file has its name: nothing of it is partial any more, whatever happens to the clean-up of the snapshot.
      await transfers.journal.update(this.#transferId, (record) => ({ ...record, tempFile: null }));
      await cleanUpFileTransfer(this.#deps, this.#transferId);
      this.#job.setProgress(1);
    } catch (error) {
      this.#controller.abort(error);
      await this.#target.abort(error as Error).catch(() => {});
      await cleanUpFileTransfer(this.#deps, this.#transferId);
      throw this.#job.cancelRequested ? new JobCancelledError() : describeStreamFailure(error, { direction: 'export', poolId: this.#vm.$pool, file: this.#target.name });
    } finally {
      stopCancel();
      this.#job.setTaskRefs([]);
      transfers.active.delete(this.#transferId);
    }
  }

  /**
   * What to export: the VM itself when it is halted (or a snapshot or template, which do not change), else a
   * clone of a fresh snapshot — a plain halted VM with the VM's name, so the file imports as the VM anywhere.
   */
  async #exportable(): Promise<string> {
    const vm = this.#vm;
    if (vm.power_state === 'Halted' || vm.is_a_snapshot || vm.is_a_template) return vm.$id;
    const xapi = new JobXapi(() => this.#client(), this.#deps.watcher, this.#job);
    const id = this.#transferId;
    await this.#deps.transfers.journal.setStep(id, 'snapshotting');
    const snapshotName = transferObjectName(id, 'Snapshot', vm.name_label);
    const snapshot = await createJournalled(this.#deps, id, { side: 'source', role: 'snapshot', cls: 'VM', name: snapshotName }, () => xapi.taskRef('VM.snapshot', [vm.$id, snapshotName], [0, 0.03]));
    const cloneName = transferObjectName(id, 'Copy', vm.name_label);
    const clone = await createJournalled(this.#deps, id, { side: 'source', role: 'clone', cls: 'VM', name: cloneName }, () => xapi.taskRef('VM.clone', [snapshot, cloneName], [0.03, 0.05]));
    const client = this.#client();
    if (await client.call<boolean>('VM.get_is_a_template', clone)) await client.call('VM.set_is_a_template', clone, false);
    await client.call('VM.set_name_label', clone, vm.name_label);
    return clone;
  }

  async #export(): Promise<void> {
    const id = this.#transferId;
    const exportRef = await this.#exportable();
    this.#job.throwIfCancelled();
    const layout = await readDiskLayout(this.#client(), exportRef);
    const total = layout.reduce((sum, disk) => sum + disk.physicalUtilisation, 0);
    this.#meter.setTotal(total > 0 ? total : null);
    const taskName = transferObjectName(id, 'Export', this.#vm.name_label);
    const exportTask = await createJournalled(this.#deps, id, { side: 'source', role: 'export-task', cls: 'task', name: taskName }, () =>
      this.#client().call<string>('task.create', taskName, 'Xenith exports this VM to a file'),
    );
    this.#job.setTaskRefs([exportTask]);
    await this.#deps.transfers.journal.setStep(id, 'streaming');
    const sink = await this.#opened(this.#target.open());
    const outcome = this.#deps.watcher.watch(exportTask, (progress) => {
      this.#meter.setFraction(progress);
      this.#job.setProgress(streamSpan[0] + progress * (streamSpan[1] - streamSpan[0]));
    });
    outcome.catch(() => {});
    const streamStarted = Date.now();
    const exported = await openVmExport(this.#client(), exportRef, this.#compression, exportTask);
    // The checker takes a copy of the same pieces (decompressed when the export is), at the pace of the file.
    const check = new XvaCheckSink();
    check.verdict.catch((error: unknown) => this.#controller.abort(error));
    const tee = new Tee([{ stream: sink, required: true }, { stream: decompressingInto(check, this.#compression), required: true }]);
    await pipeline(exported.body, new ByteCounter((bytes) => this.#count(bytes)), tee, { signal: this.#controller.signal });
    const summary = await check.verdict;
    // Every byte came: the pool's task says whether that was all of it (bounded: a task that never ends is an error).
    const ended = await Promise.race([outcome, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), verdictWaitMs).unref())]);
    if (ended === 'late') throw new ApiFailure('EXPORT_INCOMPLETE', 'The pool did not finish its export task after the last byte. No file was kept.', { poolId: this.#vm.$pool });
    const failure = taskOutcomeError(this.#deps, ended, exportTask, this.#vm.$pool);
    if (failure) throw failure;
    await this.#target.commit();
    this.#meter.setFraction(1);
    this.#job.setTransfer(this.#meter.snapshot());
    this.#deps.transfers.logger.info('VM exported to a file', { transferId: id, bytes: this.#meter.bytes, chunks: summary.chunks, streamSeconds: (Date.now() - streamStarted) / 1000 });
  }

  /** Waits for the destination, or for a cancel (a browser that never starts its download is not waited for forever). */
  async #opened<T>(opening: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    signal.throwIfAborted();
    return Promise.race([
      opening,
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })),
    ]);
  }

  #count(bytes: number): void {
    this.#meter.add(bytes);
    const now = Date.now();
    if (now - this.#shownAt < 200) return;
    this.#shownAt = now;
    this.#job.setTransfer(this.#meter.snapshot());
  }
}

/**
 * vm.exportFile: XenCenter's Export to an XVA file. A running VM is exported from a temporary snapshot (removed
 * after); every chunk is checked against its XXH64 as it streams, and the file is written under a temporary name
 * and renamed only once all of it is verified — a cancelled or failed export leaves no file. In serve mode the
 * browser downloads it through a one-time link.
 */
export function runVmExportFile(deps: FileDeps, input: { vmId: string; compression: ExportCompression; target: Parameters<typeof exportTarget>[1] }): FileJob {
  const vm = findObject(deps.mirror, input.vmId, 'VM');
  if (vm.is_control_domain) throw new ApiFailure('VALIDATION', `${quoted(vm)} is a control domain; it cannot be exported.`, { params: [vm.$id] });
  poolClient(deps.pools, vm.$pool);
  const target = exportTarget(deps.files, input.target, exportFileName(vm.name_label, input.compression));
  const what = vm.is_a_snapshot ? 'snapshot' : vm.is_a_template ? 'template' : 'VM';
  const jobId = startPoolJob(deps, { poolId: vm.$pool, title: `Exporting ${what} ${quoted(vm)} to ${target.name}`, action: 'vm.exportFile', objectIds: [vm.$id], cancellable: true }, (_xapi, job) =>
    new FileExport(deps, vm, input.compression, target, job).run(),
  );
  return { jobIds: [jobId], link: target.link };
}
