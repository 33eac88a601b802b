/**
 * One run of a VM snapshot schedule, as xapi's vmss plugin does it: each VM of the schedule is snapshotted the
 * schedule's way (snapshot, checkpoint or quiesced snapshot) in a task clients see (other_config ShowInXenCenter,
 * applies_to), the new snapshot is marked `is_vmss_snapshot`, the VM's oldest schedule snapshots beyond
 * `retained_snapshots` are deleted with their disks, `last_run_time` is set, and the outcome is an alert on the
 * VMSS: VMSS_SNAPSHOT_SUCCEEDED, or VMSS_SNAPSHOT_FAILED naming each VM that failed and why.
 */
import type { Engine } from '../api/engine.js';
import { toXapiError } from '../api/dispatcher.js';
import { NULL_REF } from '../model/type-grammar.js';
import { XapiError } from '../model/xapi-error.js';
import { createAlert } from './message-alerts.js';
import { destroyVdi } from './sr-usage.js';

const METHOD_OF_TYPE: Record<string, string> = { snapshot: 'VM.snapshot', checkpoint: 'VM.checkpoint', snapshot_with_quiesce: 'VM.snapshot_with_quiesce' };

/** Runs in progress, by VMSS ref (a run never overlaps itself; snapshot_now waits for the one in progress). */
const running = new WeakMap<Engine, Map<string, Promise<string>>>();

function runsOf(engine: Engine): Map<string, Promise<string>> {
  let map = running.get(engine);
  if (!map) running.set(engine, (map = new Map()));
  return map;
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Calls a VM method's handler the way an Async call runs it, in a task of its own; returns the result. */
async function runInTask(engine: Engine, method: string, vmRef: string, args: unknown[]): Promise<string> {
  const def = engine.registry.lookup(method);
  if (!def?.handler) throw new XapiError('MESSAGE_METHOD_UNKNOWN', [method]);
  const taskRef = engine.tasks.create(`Async.${method}`, '', engine.masterRef);
  engine.store.update('task', taskRef, { other_config: { ShowInXenCenter: '', applies_to: vmRef } });
  try {
    // Faults injected on the method through the control port apply, as to any Async call of it.
    await engine.faults.before(method, { wildcard: false });
    const result = String(await def.handler({ engine, hostRef: engine.masterRef, method, sessionRef: '', taskRef }, [vmRef, ...args]));
    engine.tasks.complete(taskRef, result ? `<value>${result}</value>` : '');
    return result;
  } catch (e) {
    const error = toXapiError(e);
    if (engine.store.has('task', taskRef)) engine.tasks.fail(taskRef, error);
    throw error;
  }
}

/** Deletes one schedule snapshot with its disks and memory image (VM.destroy leaves VDIs, as in xapi). */
async function deleteSnapshot(engine: Engine, snapRef: string): Promise<void> {
  const { store } = engine;
  const snap = store.get('VM', snapRef);
  const vdis = (snap.VBDs as string[])
    .map((vbd) => store.row('VBD', vbd)?.record)
    .filter((vbd) => vbd?.type === 'Disk')
    .map((vbd) => String(vbd!.VDI));
  if (snap.suspend_VDI !== NULL_REF) vdis.push(String(snap.suspend_VDI));
  await runInTask(engine, 'VM.destroy', snapRef, []);
  for (const vdi of vdis) if (store.has('VDI', vdi) && (store.get('VDI', vdi).VBDs as string[]).length === 0) destroyVdi(engine, vdi);
}

/** Keeps the `retain` newest schedule snapshots of a VM; deletes the others, oldest first. */
async function prune(engine: Engine, vmRef: string, retain: number): Promise<void> {
  const { store } = engine;
  const time = (ref: string): number => {
    const t = store.get('VM', ref).snapshot_time;
    return t instanceof Date ? t.getTime() : 0;
  };
  const own = (store.get('VM', vmRef).snapshots as string[]).filter((ref) => store.row('VM', ref)?.record.is_vmss_snapshot === true).sort((a, b) => time(a) - time(b));
  for (const ref of own.slice(0, Math.max(0, own.length - retain))) await deleteSnapshot(engine, ref);
}

async function runOnce(engine: Engine, vmssRef: string): Promise<string> {
  const { store } = engine;
  const vmss = store.get('VMSS', vmssRef);
  const method = METHOD_OF_TYPE[String(vmss.type)] ?? 'VM.snapshot';
  const now = new Date();
  store.update('VMSS', vmssRef, { last_run_time: now });
  const failures: string[] = [];
  let taken = 0;
  for (const vmRef of [...(vmss.VMs as string[])]) {
    const vm = store.row('VM', vmRef)?.record;
    if (!vm) continue;
    const name = `${String(vm.name_label)}-${stamp(now)}`;
    try {
      const snapRef = await runInTask(engine, method, vmRef, method === 'VM.snapshot' ? [name, []] : [name]);
      if (store.has('VM', snapRef)) store.update('VM', snapRef, { is_vmss_snapshot: true });
      taken++;
      await prune(engine, vmRef, Number(store.row('VMSS', vmssRef)?.record.retained_snapshots ?? vmss.retained_snapshots));
    } catch (e) {
      failures.push(`VM '${String(vm.name_label)}': ${toXapiError(e).description.join(' ')}`);
    }
  }
  if (!store.has('VMSS', vmssRef)) return '';
  const uuid = String(store.get('VMSS', vmssRef).uuid);
  if (failures.length > 0) {
    createAlert(engine, { name: 'VMSS_SNAPSHOT_FAILED', cls: 'VMSS', objUuid: uuid, body: `Snapshot schedule '${String(vmss.name_label)}' failed for ${failures.length} VM(s): ${failures.join('; ')}` });
  } else {
    createAlert(engine, { name: 'VMSS_SNAPSHOT_SUCCEEDED', cls: 'VMSS', objUuid: uuid, body: `Snapshot schedule '${String(vmss.name_label)}' took ${taken} snapshot(s).` });
  }
  return failures.length > 0 ? `failed: ${failures.join('; ')}` : `taken: ${taken}`;
}

/**
 * Runs the schedule now (its timer or VMSS.snapshot_now). A run already in progress is waited for first, so when
 * this resolves the schedule's snapshots are settled and within its retention.
 */
export async function runSchedule(engine: Engine, vmssRef: string): Promise<string> {
  const runs = runsOf(engine);
  const before = runs.get(vmssRef);
  const run = (async () => {
    if (before) await before.catch(() => undefined);
    return runOnce(engine, vmssRef);
  })();
  runs.set(vmssRef, run);
  try {
    return await run;
  } finally {
    if (runs.get(vmssRef) === run) runs.delete(vmssRef);
  }
}

/** Whether a run of the schedule is in progress (its timer skips a tick rather than queue behind it). */
export function scheduleRunning(engine: Engine, vmssRef: string): boolean {
  return runsOf(engine).has(vmssRef);
}
