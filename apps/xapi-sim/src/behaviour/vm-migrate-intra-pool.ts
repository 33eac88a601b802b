/**
 * VM.migrate_send within one pool (the token's host is in this pool): each disk whose mapped SR differs is copied
 * there and swapped into the VM's VBD, the old disk destroyed, and a running VM then moves to the token's host as
 * VM.pool_migrate moves it. Cancellable until the disks are swapped; a cancel destroys the copies made so far.
 */
import type { CallContext } from '../api/call-context.js';
import { disksFor } from '../disk/disks-for-engine.js';
import { MIGRATE_SEND_MS, MigrationClock, SXM_BYTES_PER_S } from './migration-clock.js';
import type { MigrationPlan } from './migration-plan.js';
import { createVdi, destroyVdi } from './sr-usage.js';
import { migrateDurationMs } from './vm-migrate.js';
import { assertCanBootHere } from './vm-placement.js';
import { markMigrated } from './vm-runtime-state.js';

/** Storage motion within the pool: disks copied to their new SRs and swapped in, then the domain moved if it runs. */
export async function migrateWithinPool(ctx: CallContext, plan: MigrationPlan): Promise<string> {
  const { engine } = ctx;
  const { store } = engine;
  const disks = disksFor(engine);
  const moving = plan.disks.filter((d) => store.get('VDI', d.vdi).SR !== d.destSr);
  const bytes = moving.reduce((n, d) => n + d.size, 0);
  const vm = store.get('VM', plan.vm);
  const movesHost = plan.live && vm.resident_on !== plan.token.host;
  const clock = new MigrationClock(ctx, { setupMs: MIGRATE_SEND_MS.setup, dataMs: (bytes / SXM_BYTES_PER_S) * 1000, memoryMs: movesHost ? migrateDurationMs(vm) : 0 });
  const copies = new Map<string, string>();
  try {
    await clock.wait(clock.setupMs, 0, clock.dataStart);
    let done = 0;
    const span = clock.memoryStart - clock.dataStart;
    for (const d of moving) {
      const rec = store.get('VDI', d.vdi);
      const copy = createVdi(engine, {
        sr: d.destSr, name: String(rec.name_label), virtualSize: d.size, type: String(rec.type),
        used: d.size > 0 ? Math.min(1, Number(rec.physical_utilisation) / d.size) : 0,
        fields: { name_description: rec.name_description, sharable: rec.sharable, read_only: rec.read_only, other_config: rec.other_config, xenstore_data: rec.xenstore_data, tags: rec.tags },
      });
      copies.set(d.vdi, copy);
      disks.copyContent(d.vdi, copy);
      const from = clock.dataStart + span * (bytes > 0 ? done / bytes : 0);
      done += d.size;
      await clock.wait(bytes > 0 ? clock.dataMs * (d.size / bytes) : 0, from, clock.dataStart + span * (bytes > 0 ? done / bytes : 1));
    }
    if (movesHost) {
      assertCanBootHere(engine, plan.vm, plan.token.host, { srs: false });
      await clock.wait(clock.memoryMs, clock.memoryStart, 1);
    }
    clock.check();
    clock.setNotCancellable();
  } catch (e) {
    for (const copy of copies.values()) if (store.has('VDI', copy)) destroyVdi(engine, copy);
    throw e;
  }
  for (const vbd of store.get('VM', plan.vm).VBDs as string[]) {
    const copy = copies.get(String(store.get('VBD', vbd).VDI));
    if (copy) store.update('VBD', vbd, { VDI: copy });
  }
  for (const old of copies.keys()) if (store.has('VDI', old) && (store.get('VDI', old).VBDs as string[]).length === 0) destroyVdi(engine, old);
  if (movesHost) markMigrated(engine, plan.vm, plan.token.host);
  return plan.vm;
}
