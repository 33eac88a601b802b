import type { Xapi } from 'xen-api';
import { markPlaceholder } from './placeholder-vm.js';
import type { TransferDeps } from './transfer-deps.js';

/** A watch for the VM an XVA import is creating. */
export interface PlaceholderWatch {
  stop(): void;
  /** Marks `vmRef` (the import's result) if the watch has not already: resolves with its own blocked operations. */
  markedFor(vmRef: string): Promise<Record<string, string>>;
}

/** What the watch needs: the transfer, the VM's final name, the pool and its import task. */
export interface PlaceholderWatchOptions {
  transferId: string;
  name: string;
  poolId: string;
  importTask: string;
  client(): Xapi;
}

/**
 * Marks the imported VM as a placeholder (`[Importing…] <name>`, start blocked) the moment it appears on the pool —
 * XAPI shows the import task in the new VM's current_operations — journalling its ref first, so a crash from then
 * on leaves a VM the clean-up finds and nobody can start. Streamed copies and file imports share it.
 */
export function watchImportPlaceholder(deps: TransferDeps, options: PlaceholderWatchOptions): PlaceholderWatch {
  const { mirror } = deps;
  const { transferId, name, poolId, importTask } = options;
  let marking: { vmRef: string; done: Promise<Record<string, string>> } | null = null;
  const mark = (vmRef: string) => {
    if (marking?.vmRef === vmRef) return marking.done;
    const done = (async () => {
      await deps.transfers.journal.setObjectRef(transferId, 'target', 'placeholder', vmRef);
      return markPlaceholder(options.client(), vmRef, name, transferId);
    })();
    done.catch(() => {});
    marking = { vmRef, done };
    return done;
  };
  const look = () => {
    if (marking) return;
    for (const vm of mirror.ofType('VM', poolId)) {
      const operations = vm.current_operations;
      if (operations && typeof operations === 'object' && Object.hasOwn(operations, importTask)) {
        void mark(vm.$id);
        return;
      }
    }
  };
  const unsubscribe = mirror.onChanges((changes) => {
    if (!marking && changes.some((change) => change.kind === 'add' && change.object.$type === 'VM')) look();
  });
  look();
  return { stop: unsubscribe, markedFor: (vmRef) => mark(vmRef) };
}
