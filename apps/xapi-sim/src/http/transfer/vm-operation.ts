/** Helpers shared by the transfer handlers: a VM operation held for a transfer's duration, SRs of VDIs. */
import type { Engine } from '../../api/engine.js';

/** Runs `body` with `{task: op}` in the VM's current_operations (allowed_operations recomputed around it). */
export async function withOperation<T>(engine: Engine, vmRef: string, taskRef: string, op: string, body: () => Promise<T>): Promise<T> {
  const set = (mutate: (ops: Record<string, string>) => void): void => {
    const row = engine.store.row('VM', vmRef);
    if (!row) return;
    const ops = { ...(row.record.current_operations as Record<string, string>) };
    mutate(ops);
    engine.store.update('VM', vmRef, { current_operations: ops });
    engine.refreshAllowedOperations('VM', vmRef);
  };
  set((ops) => { ops[taskRef] = op; });
  try {
    return await body();
  } finally {
    set((ops) => { delete ops[taskRef]; });
  }
}

/** Distinct SRs of some VDIs. */
export function vdiSrs(engine: Engine, vdis: string[]): string[] {
  return [...new Set(vdis.map((v) => String(engine.store.get('VDI', v).SR)))];
}
