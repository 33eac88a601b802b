/**
 * VM.assert_can_migrate and VM.migrate_send (xapi_vm_migrate.ml), storage motion to another pool or within this one.
 * Across pools the source talks to the destination over HTTPS with the session of the migrate_receive token: it
 * checks the destination host is enabled, the SRs and networks exist and (metadata dry run) that a running VM fits
 * there; then copies each disk, sends the metadata, and for a running or paused VM hands the domain over. A move
 * removes the VM, its snapshots and its disks from the source; `copy` (halted VMs only) leaves them. Progress follows
 * simulated time; task.cancel stops it until the domain has moved, and a failure or cancel removes everything made
 * on the destination. At most three storage migrations run per host (TOO_MANY_STORAGE_MIGRATES). Licence-free, as on
 * XCP-ng: no LICENCE_RESTRICTION.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { disksFor } from '../disk/disks-for-engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail, XapiError } from '../model/xapi-error.js';
import { RemotePool } from '../remote/remote-pool.js';
import { vhdStreamLength } from '../vhd/vhd-writer.js';
import { MIGRATE_SEND_MS, MigrationClock, SXM_BYTES_PER_S } from './migration-clock.js';
import { planMigration, suspendVdiOf, type DiskMove, type MigrationPlan } from './migration-plan.js';
import { copyDiskToRemote, sendMemory, sendMetadata, type CrossPoolLink } from './migration-transfer.js';
import { withOperation } from './operation.js';
import { destroyVdi } from './sr-usage.js';
import { destroyVmObjects } from './vm-copies.js';
import { migrateDurationMs } from './vm-migrate.js';
import { checkVm } from './vm-power.js';
import { assertCanBootHere } from './vm-placement.js';
import { markStopped } from './vm-runtime-state.js';
import { migrateWithinPool } from './vm-migrate-intra-pool.js';

/** xapi_vm_migrate.ml with_migrate: concurrent storage migrations per host. */
export const MAX_STORAGE_MIGRATES = 3;

type Args = [vm: string, dest: Record<string, string>, vdiMap: Record<string, string>, vifMap: Record<string, string>, options: Record<string, string>];

const migrating = new WeakMap<Engine, Map<string, number>>();

/** Runs `body` in one of the host's storage-migration slots (TOO_MANY_STORAGE_MIGRATES ["3"] when none is free). */
async function withMigrateSlot<T>(engine: Engine, host: string, body: () => Promise<T>): Promise<T> {
  let counts = migrating.get(engine);
  if (!counts) migrating.set(engine, (counts = new Map()));
  const n = counts.get(host) ?? 0;
  if (n >= MAX_STORAGE_MIGRATES) fail('TOO_MANY_STORAGE_MIGRATES', MAX_STORAGE_MIGRATES);
  counts.set(host, n + 1);
  try {
    return await body();
  } finally {
    counts.set(host, (counts.get(host) ?? 1) - 1);
  }
}

/** The host that runs the migration: where the VM runs, else the master (xapi forwards the call there). */
function workingHost(engine: Engine, vm: string): string {
  const resident = String(engine.store.get('VM', vm).resident_on);
  return resident !== NULL_REF && engine.store.has('host', resident) ? resident : engine.masterRef;
}

function linkTo(ctx: CallContext, plan: MigrationPlan): CrossPoolLink {
  const from = ctx.engine.hostAddresses.get(workingHost(ctx.engine, plan.vm));
  const remote = new RemotePool(plan.token.masterUrl, plan.token.session, from);
  return { ctx, plan, remote, hostBase: new URL(plan.token.xenopsUrl).origin };
}

/** The checks that need the destination pool: host enabled, SRs and networks there, the VM fits (dry run). */
async function assertDestinationAccepts(link: CrossPoolLink): Promise<void> {
  const { remote, plan } = link;
  const host = (await remote.call('host.get_record', plan.token.host)) as Record<string, unknown>;
  if (host.enabled !== true) fail('HOST_DISABLED', plan.token.host);
  for (const sr of new Set(plan.disks.filter((d) => d.kind === 'disk').map((d) => d.destSr))) {
    const rec = (await remote.call('SR.get_record', sr)) as Record<string, unknown>;
    if (!plan.live) continue;
    // A running VM must find its disks from the host it lands on.
    const pbds = await Promise.all((rec.PBDs as string[]).map((p) => remote.call('PBD.get_record', p) as Promise<Record<string, unknown>>));
    if (pbds.length > 0 && !pbds.some((p) => p.host === plan.token.host && p.currently_attached === true)) fail('VM_REQUIRES_SR', plan.vm, sr);
  }
  for (const network of new Set(plan.vifs.values())) await remote.call('network.get_record', network);
  await sendMetadata(link, true, new Map());
}

/** VM.assert_can_migrate: every check migrate_send makes before it moves anything. */
async function assertCanMigrate(ctx: CallContext, [vm, dest, vdiMap, vifMap, options]: Args): Promise<{ plan: MigrationPlan; link?: CrossPoolLink }> {
  const { engine } = ctx;
  engine.store.get('VM', vm);
  const plan = planMigration(ctx, vm, dest, vdiMap, vifMap, options);
  if (plan.intraPool) {
    for (const d of plan.disks) engine.store.get('SR', d.destSr);
    if (plan.live) assertCanBootHere(engine, vm, plan.token.host, { srs: false });
    return { plan };
  }
  const link = linkTo(ctx, plan);
  await assertDestinationAccepts(link);
  return { plan, link };
}

/** SRs of the destination pool for disks the caller did not map: snapshots' (their disk's SR, else the default SR) and the suspend image. */
async function resolveImpliedSrs(link: CrossPoolLink, disks: DiskMove[]): Promise<DiskMove[]> {
  const { remote, plan, ctx } = link;
  const pool = ((await remote.call('pool.get_all')) as string[])[0]!;
  const defaultSr = String(await remote.call('pool.get_default_SR', pool));
  const poolSuspend = String(await remote.call('pool.get_suspend_image_SR', pool));
  const hostSuspend = String(await remote.call('host.get_suspend_image_sr', plan.token.host));
  const suspendSr = poolSuspend !== NULL_REF ? poolSuspend : hostSuspend !== NULL_REF ? hostSuspend : defaultSr;
  const out = disks.map((d) => (d.destSr !== '' ? d : { ...d, destSr: defaultSr }));
  const suspend = suspendVdiOf(ctx.engine, plan.vm);
  if (suspend) out.push({ vdi: suspend, destSr: suspendSr, size: Number(ctx.engine.store.get('VDI', suspend).virtual_size) || 0, kind: 'suspend' });
  for (const d of out) if (d.destSr === NULL_REF || d.destSr === '') fail('VDI_NOT_IN_MAP', d.vdi);
  return out;
}

/** After a move: the VM and its snapshots leave the source, their disks too (xapi destroys the mirrored VDIs). */
function removeFromSource(engine: Engine, plan: MigrationPlan, moved: DiskMove[]): void {
  const { store } = engine;
  const snapshots = (store.get('VM', plan.vm).snapshots as string[]).filter((s) => store.has('VM', s));
  for (const vm of [plan.vm, ...snapshots]) {
    const state = store.get('VM', vm).power_state;
    if (state === 'Running' || state === 'Paused') markStopped(engine, vm, 'Halted');
    destroyVmObjects(engine, vm);
    store.destroy('VM', vm);
  }
  for (const d of moved) if (store.has('VDI', d.vdi)) destroyVdi(engine, d.vdi);
}

/**
 * Best effort, as xapi's clean-up: the VMs made on the destination (halted first in the database, as import.ml's
 * clean-up does: a suspended one arrives suspended), with their devices, then the disks.
 */
async function cleanUpDestination(link: CrossPoolLink, vms: string[], vdis: string[]): Promise<void> {
  for (const vm of [...vms].reverse()) {
    await link.remote.bestEffort('VM.power_state_reset', vm);
    await link.remote.bestEffort('VM.destroy', vm);
  }
  for (const vdi of vdis) await link.remote.bestEffort('VDI.destroy', vdi);
}

async function migrateAcrossPools(ctx: CallContext, plan: MigrationPlan, link: CrossPoolLink): Promise<string> {
  const { engine } = ctx;
  const source = { store: disksFor(engine) };
  const vm = engine.store.get('VM', plan.vm);
  const made = { vms: [] as string[], vdis: [] as string[] };
  try {
    const disks = (await resolveImpliedSrs(link, plan.disks))
      .map((d) => ({ ...d, length: vhdStreamLength({ ...source, vdi: d.vdi, uuid: String(engine.store.get('VDI', d.vdi).uuid) }) }))
      .sort((a, b) => a.size - b.size);
    const totalBytes = disks.reduce((n, d) => n + d.length, 0);
    const clock = new MigrationClock(ctx, {
      setupMs: MIGRATE_SEND_MS.setup,
      dataMs: (totalBytes / SXM_BYTES_PER_S) * 1000,
      memoryMs: plan.live ? migrateDurationMs(vm) : 0,
    });
    await clock.wait(clock.setupMs, 0, clock.dataStart);
    const remoteVdis = new Map<string, string>();
    let done = 0;
    const span = clock.memoryStart - clock.dataStart;
    for (const d of disks) {
      const from = clock.dataStart + span * (totalBytes > 0 ? done / totalBytes : 0);
      const to = clock.dataStart + span * (totalBytes > 0 ? (done + d.length) / totalBytes : 1);
      remoteVdis.set(d.vdi, await copyDiskToRemote(link, clock, d, totalBytes > 0 ? clock.dataMs * (d.length / totalBytes) : 0, from, to, made.vdis));
      done += d.length;
    }
    clock.check();
    made.vms.push(...(await sendMetadata(link, false, remoteVdis)));
    const newVm = made.vms[0];
    if (!newVm) fail('INTERNAL_ERROR', 'the destination created no VM from the metadata');
    if (plan.live) {
      await clock.wait(clock.memoryMs, clock.memoryStart, 1);
      clock.check();
      await sendMemory(link, String(await link.remote.call('VM.get_uuid', newVm)), engine.store.get('VM', plan.vm).power_state === 'Paused');
    }
    clock.check();
    // The domain has moved: from here on the migration completes whatever happens (xapi set_not_cancellable).
    clock.setNotCancellable();
    if (!plan.copy) removeFromSource(engine, plan, disks);
    return newVm;
  } catch (e) {
    await cleanUpDestination(link, made.vms, made.vdis);
    throw e;
  }
}

function migrateSend(ctx: CallContext, args: Args): Promise<string> {
  const [vm] = args;
  checkVm(ctx, vm, ['Halted', 'Running', 'Suspended']);
  return withOperation(ctx, { cls: 'VM', ref: vm, op: 'migrate_send' }, async () => {
    const { plan, link } = await assertCanMigrate(ctx, args);
    return withMigrateSlot(ctx.engine, workingHost(ctx.engine, vm), () => (link ? migrateAcrossPools(ctx, plan, link) : migrateWithinPool(ctx, plan)));
  });
}

const asMap = (v: unknown): Record<string, string> => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
const args = (a: unknown[]): Args => [String(a[0]), asMap(a[1]), asMap(a[3]), asMap(a[4]), asMap(a[5])];

export function registerVmMigrateSend(engine: Engine): void {
  const r = engine.registry;
  r.implement('VM', 'assert_can_migrate', async (ctx, a) => {
    await assertCanMigrate(ctx, args(a));
    return '';
  });
  r.implement('VM', 'migrate_send', (ctx, a) => migrateSend(ctx, args(a)).catch((e: unknown) => {
    // A cancelled migration reports its own task, however deep the cancellation was noticed.
    throw e instanceof XapiError && e.code === 'TASK_CANCELLED' && ctx.taskRef ? new XapiError('TASK_CANCELLED', [ctx.taskRef]) : e;
  }));
}
