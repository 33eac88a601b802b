import type { Xapi } from 'xen-api';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import type { RefNamer } from '../../shared/xapi/error-sentences.js';
import { ApiFailure } from '../api/failure.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { mirrorNamer, poolClient } from '../actions/action-context.js';
import { JobCancelledError } from '../jobs/job-cancelled.js';
import type { JobControl } from '../jobs/job-registry.js';
import { JobXapi, refsInTaskResult, XapiTaskFailure } from '../jobs/job-xapi.js';
import type { TaskOutcome } from '../jobs/task-watcher.js';
import { taskOutcomeError, transferObjectName } from './transfer-steps.js';
import { PinnedHttpsAgent } from '../trust/pinned-tls.js';
import { finishPlaceholder, placeInterfaces, readDiskLayout, verifyArrivedDisks } from './placeholder-vm.js';
import { watchImportPlaceholder, type PlaceholderWatch } from './placeholder-watch.js';
import { cleanUpTransfer } from './transfer-cleanup-run.js';
import type { TransferDeps } from './transfer-deps.js';
import type { JournalObject, TransferRecord } from './transfer-journal.js';
import { TransferMeter } from './transfer-meter.js';
import { importEndpoint, vmVifs } from './transfer-plan.js';
import type { ExportCompression } from './vm-export-stream.js';
import { startXvaRelay } from './xva-relay.js';

/** What a streamed copy (or move) is asked to do, checked and completed by the action. */
export interface StreamCopyRequest {
  transferId: string;
  action: 'copy' | 'move';
  vm: XapiRecord<'VM'>;
  /** The copy's name once it has arrived. */
  name: string;
  targetPoolId: string;
  srRef: string;
  /** Source VIF → destination network, for every VIF. */
  networkMap: Readonly<Record<string, string>>;
  compression: ExportCompression;
}

/** How the job's bar is shared: preparing the source, the relay, then the checks and the renaming. */
const relaySpan = [0.05, 0.95] as const;

/** Names the transfer's own objects carry on the pools, unique to it so a clean-up can find them by name. */
const objectName = transferObjectName;

/** How long a failed relay waits for the pools' verdict on their tasks before reporting the connection error. */
const verdictWaitMs = 15_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

/** The error a task's outcome stands for, or null for success or no verdict in time. */
function verdictOf(deps: TransferDeps, outcome: TaskOutcome | 'timeout', taskRef: string, poolId: string): Error | null {
  return outcome === 'timeout' ? null : taskOutcomeError(deps, outcome, taskRef, poolId);
}

/** The XAPI code an error carries. */
function codeOf(error: Error): string {
  return error instanceof ApiFailure ? error.apiError.code : String((error as { code?: unknown }).code ?? '');
}

/** An XAPI error with its sentence, naming the pool it came from (the job itself belongs to the source pool). */
function onPool(error: XapiTaskFailure, poolId: string, nameOf: RefNamer): ApiFailure {
  const described = describePoolError(error, poolId, nameOf);
  return new ApiFailure(described.code, described.message, { params: described.params ?? [], poolId });
}

/** One streamed transfer: the steps, each journalled before it makes anything. */
class StreamCopy {
  readonly #deps: TransferDeps;
  readonly #request: StreamCopyRequest;
  readonly #job: JobControl;
  readonly #source: JobXapi;
  readonly #controller = new AbortController();
  readonly #meter: TransferMeter;
  /** When the relay last told the job its figures (they change with every chunk; the panel needs a few a second). */
  #shownAt = 0;

  constructor(deps: TransferDeps, request: StreamCopyRequest, job: JobControl) {
    this.#deps = deps;
    this.#request = request;
    this.#job = job;
    this.#source = new JobXapi(() => poolClient(deps.pools, request.vm.$pool), deps.watcher, job);
    this.#meter = new TransferMeter('streaming');
  }

  get #journal() {
    return this.#deps.transfers.journal;
  }

  get #namer(): RefNamer {
    return mirrorNamer(this.#deps.mirror);
  }

  #onSource(error: XapiTaskFailure): ApiFailure {
    return onPool(error, this.#request.vm.$pool, this.#namer);
  }

  #onTarget(error: XapiTaskFailure): ApiFailure {
    return onPool(error, this.#request.targetPoolId, this.#namer);
  }

  #sourceClient(): Xapi {
    return poolClient(this.#deps.pools, this.#request.vm.$pool);
  }

  #targetClient(): Xapi {
    return poolClient(this.#deps.pools, this.#request.targetPoolId);
  }

  /** Writes the object to the journal, creates it, then writes its ref. */
  async #create(object: Omit<JournalObject, 'ref'>, make: () => Promise<string>): Promise<string> {
    const { transferId } = this.#request;
    await this.#journal.addObject(transferId, { ...object, ref: null });
    const ref = await make();
    await this.#journal.setObjectRef(transferId, object.side, object.role, ref);
    return ref;
  }

  async run(): Promise<string> {
    const { transferId, vm, action } = this.#request;
    const record: TransferRecord = {
      transferId, action, vmName: vm.name_label, startedAt: new Date().toISOString(), step: 'starting',
      sourcePoolId: vm.$pool, targetPoolId: this.#request.targetPoolId, sourceVmRef: vm.$id, objects: [], deleteSource: false, cleaned: [],
    };
    this.#deps.transfers.active.add(transferId);
    const stopCancel = this.#job.onCancel(() => this.#controller.abort(new JobCancelledError()));
    try {
      await this.#journal.begin(record);
      return await this.#transfer();
    } catch (error) {
      this.#controller.abort(error);
      await this.#cleanUp();
      throw this.#job.cancelRequested ? new JobCancelledError() : error;
    } finally {
      stopCancel();
      this.#job.setTaskRefs([]);
      this.#deps.transfers.active.delete(transferId);
    }
  }

  async #transfer(): Promise<string> {
    const { transferId, vm, name } = this.#request;
    const exportRef = await this.#exportable();
    this.#job.throwIfCancelled();
    const expected = await readDiskLayout(this.#sourceClient(), exportRef);
    const total = expected.reduce((sum, disk) => sum + disk.physicalUtilisation, 0);
    this.#meter.setTotal(total > 0 ? total : null);
    const exportTask = await this.#create({ side: 'source', role: 'export-task', cls: 'task', name: objectName(transferId, 'Export', vm.name_label) }, () =>
      this.#sourceClient().call<string>('task.create', objectName(transferId, 'Export', vm.name_label), 'Xenith streams this VM to another pool'),
    );
    // The job owns these tasks from the moment they exist, so the task panel never lists them as another client's.
    this.#job.setTaskRefs([exportTask]);
    const importTask = await this.#create({ side: 'target', role: 'import-task', cls: 'task', name: objectName(transferId, 'Import', vm.name_label) }, () =>
      this.#targetClient().call<string>('task.create', objectName(transferId, 'Import', vm.name_label), 'Xenith streams a VM from another pool'),
    );
    this.#job.setTaskRefs([exportTask, importTask]);
    await this.#journal.addObject(transferId, { side: 'target', role: 'placeholder', cls: 'VM', name: '', ref: null });
    await this.#journal.setStep(transferId, 'relaying');
    const arrived = await this.#relay(exportRef, exportTask, importTask);
    this.#job.throwIfCancelled();
    await this.#journal.setStep(transferId, 'verifying');
    const target = this.#targetClient();
    const ownBlocked = await arrived.marked;
    await verifyArrivedDisks(target, arrived.vmRef, expected);
    await placeInterfaces(target, arrived.vmRef, this.#networkByDevice());
    this.#job.throwIfCancelled();
    await finishPlaceholder(target, arrived.vmRef, name, ownBlocked);
    // The copy is whole and named: from here on nothing may remove it, so the journal forgets it and its import.
    await this.#journal.update(transferId, (current) => ({ ...current, step: 'copied', objects: current.objects.filter((object) => object.side === 'source') }));
    await target.call('task.destroy', importTask).catch(() => {});
    this.#job.setTaskRefs([]);
    if (this.#request.action === 'move') await this.#journal.update(transferId, (current) => ({ ...current, step: 'deleting-source', deleteSource: true }));
    // The snapshot and clone exported from (and, for a move, the source VM) go now; if the source pool is
    // unreachable this moment, they stay journalled and go when it reconnects. The copy itself is done either way.
    await this.#cleanUp();
    this.#job.setProgress(1);
    return arrived.vmRef;
  }

  /** Removes what the transfer made and no longer needs; what cannot go now stays journalled for the next reconnect. */
  async #cleanUp(): Promise<void> {
    const { transferId } = this.#request;
    try {
      const outcome = await cleanUpTransfer(this.#deps, transferId);
      if (!outcome.complete) this.#deps.transfers.logger.warn('transfer clean-up incomplete; it is retried when the pools reconnect', { transferId, pending: outcome.pending, error: String(outcome.error ?? '') });
    } catch (error) {
      this.#deps.transfers.logger.warn('transfer clean-up failed; it is retried when the pools reconnect', { transferId, error: String(error) });
    }
  }

  /** The VM to export: the VM itself when halted, else a clone of a fresh snapshot (an exported snapshot would arrive as a snapshot). */
  async #exportable(): Promise<string> {
    const { transferId, vm } = this.#request;
    if (vm.power_state === 'Halted') return vm.$id;
    await this.#journal.setStep(transferId, 'snapshotting');
    const snapshotName = objectName(transferId, 'Snapshot', vm.name_label);
    const snapshot = await this.#create({ side: 'source', role: 'snapshot', cls: 'VM', name: snapshotName }, () => this.#source.taskRef('VM.snapshot', [vm.$id, snapshotName], [0, 0.03]));
    const cloneName = objectName(transferId, 'Copy', vm.name_label);
    return this.#create({ side: 'source', role: 'clone', cls: 'VM', name: cloneName }, () => this.#source.taskRef('VM.clone', [snapshot, cloneName], [0.03, 0.05]));
  }

  #networkByDevice(): Map<string, string> {
    const byDevice = new Map<string, string>();
    for (const vif of vmVifs(this.#deps.mirror, this.#request.vm.$id)) {
      const network = this.#request.networkMap[vif.vifRef];
      if (network) byDevice.set(vif.device, network);
    }
    return byDevice;
  }

  /**
   * Streams the export into the import and waits for both pools' verdicts. Returns the imported VM and the
   * promise of its marking as a placeholder (done as soon as the VM appears, while the disks still arrive).
   */
  async #relay(exportRef: string, exportTask: string, importTask: string): Promise<{ vmRef: string; marked: Promise<Record<string, string>> }> {
    const deps = this.#deps;
    const { srRef, targetPoolId, compression } = this.#request;
    const watcher = deps.watcher;
    let exportProgress = 0;
    let importProgress = 0;
    const showProgress = () => {
      const done = importProgress > 0 ? Math.min(importProgress, exportProgress || importProgress) : exportProgress;
      this.#meter.setFraction(done);
      this.#job.setProgress(relaySpan[0] + done * (relaySpan[1] - relaySpan[0]));
      this.#job.setTransfer(this.#meter.snapshot());
    };
    const exportOutcome = watcher.watch(exportTask, (progress) => {
      exportProgress = progress;
      showProgress();
    });
    const importOutcome = watcher.watch(importTask, (progress) => {
      importProgress = progress;
      showProgress();
    });
    exportOutcome.catch(() => {});
    importOutcome.catch(() => {});
    const placeholder = this.#watchPlaceholder(importTask);
    const agent = new PinnedHttpsAgent(deps.transfers.pins);
    try {
      const relayStarted = Date.now();
      const relay = await startXvaRelay(
        {
          source: { client: this.#sourceClient(), vmRef: exportRef, taskRef: exportTask, compression },
          target: { endpoint: importEndpoint(deps.mirror, deps.pools, targetPoolId, srRef), agent, sessionId: this.#targetClient().sessionId ?? '', srRef, taskRef: importTask },
        },
        this.#controller.signal,
        (bytes) => {
          this.#meter.add(bytes);
          const now = Date.now();
          if (now - this.#shownAt < 200) return;
          this.#shownAt = now;
          this.#job.setTransfer(this.#meter.snapshot());
        },
      );
      try {
        await relay.done;
      } catch (error) {
        const brokenSide = relay.brokenSide();
        relay.upload.close();
        throw (await this.#verdict(exportOutcome, exportTask, importOutcome, importTask, brokenSide)) ?? error;
      }
      // Every byte is sent: the export must have succeeded, then the import decides (it completes once the last disk is written).
      const exported = await within(exportOutcome, verdictWaitMs);
      const exportFailure = exported === 'timeout' ? this.#onSource(new XapiTaskFailure(['EXPORT_INCOMPLETE', exportTask])) : verdictOf(this.#deps, exported, exportTask, this.#request.vm.$pool);
      if (exportFailure) {
        relay.upload.close();
        throw exportFailure;
      }
      let imported = await within(importOutcome, deps.transfers.importSettleMs);
      relay.upload.close();
      if (imported === 'timeout') imported = await within(importOutcome, verdictWaitMs);
      const importFailure = imported === 'timeout' ? this.#onTarget(new XapiTaskFailure(['IMPORT_ERROR', 'The destination pool did not finish the import after the last byte.'])) : verdictOf(this.#deps, imported, importTask, targetPoolId);
      if (importFailure || imported === 'timeout' || imported.status !== 'success') throw importFailure ?? this.#onTarget(new XapiTaskFailure(['IMPORT_ERROR']));
      const [vmRef] = refsInTaskResult(imported.result);
      if (!vmRef) throw this.#onTarget(new XapiTaskFailure(['IMPORT_ERROR', 'The import finished without a VM.']));
      this.#meter.setFraction(1);
      this.#job.setTransfer(this.#meter.snapshot());
      this.#job.setProgress(relaySpan[1]);
      deps.transfers.logger.info('VM streamed between pools', { transferId: this.#request.transferId, bytes: this.#meter.bytes, relaySeconds: (Date.now() - relayStarted) / 1000 });
      return { vmRef, marked: placeholder.markedFor(vmRef) };
    } finally {
      placeholder.stop();
      agent.destroy();
    }
  }

  /** After a broken relay: the pools' own error (the import's first: SR full, say), or null when they say nothing. */
  async #verdict(exportOutcome: Promise<TaskOutcome>, exportTask: string, importOutcome: Promise<TaskOutcome>, importTask: string, brokenSide: 'source' | 'target' | null): Promise<Error | null> {
    if (this.#controller.signal.aborted) return new JobCancelledError();
    const [imported, exported] = await Promise.all([within(importOutcome, verdictWaitMs), within(exportOutcome, verdictWaitMs)]);
    const importFailure = verdictOf(this.#deps, imported, importTask, this.#request.targetPoolId);
    const exportFailure = verdictOf(this.#deps, exported, exportTask, this.#request.vm.$pool);
    // One side's failure breaks the relay, and the other side then fails for want of its peer: an import cut short
    // (IMPORT_ERROR_PREMATURE_EOF) follows a failed export, an export the client left (CLIENT_ERROR) follows a failed
    // import.
    // The connection that broke first says which; otherwise, the failure that is not such a consequence.
    const failed = (failure: Error | null) => failure !== null && !(failure instanceof JobCancelledError);
    const real = (failure: Error | null, consequence: string) => failed(failure) && codeOf(failure!) !== consequence;
    const order = brokenSide === 'source' ? [exportFailure, importFailure] : brokenSide === 'target' ? [importFailure, exportFailure] : [];
    return (
      order.find(failed) ??
      (real(importFailure, 'IMPORT_ERROR_PREMATURE_EOF') ? importFailure : null) ??
      (real(exportFailure, 'CLIENT_ERROR') ? exportFailure : null) ??
      [importFailure, exportFailure].find(failed) ??
      null
    );
  }

  #watchPlaceholder(importTask: string): PlaceholderWatch {
    const { transferId, name, targetPoolId } = this.#request;
    return watchImportPlaceholder(this.#deps, { transferId, name, poolId: targetPoolId, importTask, client: () => this.#targetClient() });
  }
}

/**
 * Streams a VM from its pool to another: the source's `/export` (of a snapshot's clone when the VM runs) piped
 * into the destination's `/import`, the arriving VM kept as a start-blocked `[Importing…]` placeholder until its
 * disks are verified, then renamed. Every object is journalled before it is made; a failure or a cancel removes
 * them from both pools. Returns the new VM's ref.
 */
export function streamVmBetweenPools(deps: TransferDeps, request: StreamCopyRequest, job: JobControl): Promise<string> {
  if (request.vm.$pool === request.targetPoolId) throw new ApiFailure('VALIDATION', 'The destination is the VM\'s own pool: use Copy VM within the pool.');
  return new StreamCopy(deps, request, job).run();
}
