/**
 * host.disable / enable / evacuate / reboot / shutdown / power_on, get_vms_which_prevent_evacuation,
 * assert_can_evacuate, and host.allowed_operations. Reboot and shutdown follow xapi: the host must have no running
 * guests (HOST_IN_USE [host, "vm", vm]) and be disabled (HOST_NOT_DISABLED); while down host_metrics.live is
 * false; a reboot comes back enabled after a scaled delay (or, for a host given the reboot-hang fault, when the
 * fault is cleared) with a new boot_time and agent_start_time and no guidance left pending. The host's server keeps
 * listening (the model only).
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { abortableDelay } from '../api/abortable-delay.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { cannotEvacuateParam, computeEvacuationPlan, residentGuests, vmsPreventingEvacuation } from './host-evacuation.js';
import { rebootFaultsFor } from './host-reboot-faults.js';
import { createAlert } from './message-alerts.js';
import { assertNotBusy, withOperation } from './operation.js';
import { hostIsLive } from './vm-placement.js';
import { poolMigrate } from './vm-migrate.js';

/** Simulated durations (ms before scaling). */
export const HOST_DURATIONS = { goingDown: 1000, rebootDown: 90_000, powerOn: 120_000 };
/** xapi's default evacuate_batch_size: VMs migrated at once. */
const DEFAULT_BATCH = 10;

const runningGuests = (engine: Engine, hostRef: string): string[] =>
  residentGuests(engine, hostRef).filter((vm) => engine.store.get('VM', vm).power_state !== 'Halted');

/** host.allowed_operations from liveness, enablement, resident guests and operations in progress. */
export function hostAllowedOperations(engine: Engine, ref: string): string[] {
  const host = engine.store.get('host', ref);
  if (Object.keys(host.current_operations as object).length > 0) return [];
  if (!hostIsLive(engine, ref)) return ['power_on'];
  const ops = ['provision', 'evacuate', 'apply_updates'];
  if (host.enabled) ops.push('vm_start', 'vm_resume', 'vm_migrate');
  else ops.push('enable');
  if (runningGuests(engine, ref).length === 0) ops.push('shutdown', 'reboot');
  return ops;
}

/**
 * What a boot changes on the host record: `other_config` boot_time and agent_start_time (seconds, as xapi writes
 * them), and whatever waited for a reboot — updates_requiring_reboot and the host's pending update guidances.
 */
function bootedFields(engine: Engine, hostRef: string): Record<string, unknown> {
  const host = engine.store.get('host', hostRef);
  // Whole seconds as xapi writes them, rounded up: at a compressed time scale a host may boot within the second
  // its packages were installed, and must still read as booted after them.
  const now = Math.ceil(Date.now() / 1000);
  const fields: Record<string, unknown> = {
    other_config: { ...(host.other_config as Record<string, string>), boot_time: `${now}.`, agent_start_time: `${now + 1}.` },
    updates_requiring_reboot: [],
  };
  for (const field of ['pending_guidances', 'pending_guidances_recommended', 'pending_guidances_full']) if (field in host) fields[field] = [];
  return fields;
}

function setLive(engine: Engine, hostRef: string, live: boolean): void {
  const metrics = engine.store.get('host', hostRef).metrics as string;
  if (metrics !== NULL_REF && engine.store.has('host_metrics', metrics)) engine.store.update('host_metrics', metrics, { live, last_updated: new Date() });
}

export function registerHostLifecycle(engine: Engine): void {
  engine.allowedOperationsRules.set('host', hostAllowedOperations);
  const r = engine.registry;
  // Liveness and resident VMs change outside these handlers (control port kill/restart, VM operations).
  const metricsOwner = new Map<string, string>();
  const lastLive = new Map<string, boolean>();
  /** A host lost without a reboot or shutdown in progress: with HA on, xapi reports HA_HOST_FAILED. */
  const hostWentDown = (host: string): void => {
    const rec = engine.store.get('host', host);
    if (Object.values(rec.current_operations as Record<string, string>).some((op) => op === 'reboot' || op === 'shutdown')) return;
    if (engine.store.get('pool', engine.poolRef()).ha_enabled !== true) return;
    createAlert(engine, { name: 'HA_HOST_FAILED', cls: 'Host', objUuid: String(rec.uuid), body: `Server '${String(rec.name_label)}' has failed` });
  };
  engine.store.onChange((c) => {
    if (c.cls === 'host' && c.op !== 'del') {
      const metrics = c.row.record.metrics as string;
      if (!metricsOwner.has(metrics)) lastLive.set(c.ref, engine.store.row('host_metrics', metrics)?.record.live !== false);
      metricsOwner.set(metrics, c.ref);
      engine.refreshAllowedOperations('host', c.ref);
    } else if (c.cls === 'host_metrics' && c.op === 'mod') {
      const host = metricsOwner.get(c.ref);
      if (!host || !engine.store.has('host', host)) return;
      const live = c.row.record.live === true;
      if (lastLive.get(host) === true && !live) hostWentDown(host);
      lastLive.set(host, live);
      engine.refreshAllowedOperations('host', host);
    }
  });

  r.implement('host', 'disable', ({ engine: e }, [host]) => {
    const ref = String(host);
    if (e.store.get('host', ref).enabled) e.store.update('host', ref, { enabled: false });
    return '';
  });
  r.implement('host', 'enable', ({ engine: e }, [host]) => {
    const ref = String(host);
    const rec = e.store.get('host', ref);
    if (Object.values(rec.current_operations as Record<string, string>).some((op) => op === 'reboot' || op === 'shutdown')) fail('HOST_DISABLED_UNTIL_REBOOT', ref);
    if (!hostIsLive(e, ref)) fail('HOST_OFFLINE', ref);
    if (!rec.enabled) e.store.update('host', ref, { enabled: true });
    return '';
  });

  r.implement('host', 'get_vms_which_prevent_evacuation', ({ engine: e }, [host]) => vmsPreventingEvacuation(computeEvacuationPlan(e, String(host))));
  r.implement('host', 'assert_can_evacuate', ({ engine: e }, [host]) => {
    const param = cannotEvacuateParam(computeEvacuationPlan(e, String(host)));
    if (param !== undefined) fail('CANNOT_EVACUATE_HOST', param);
    return '';
  });
  r.implement('host', 'evacuate', (ctx: CallContext, [host, , batch]) => {
    const ref = String(host);
    const plan = computeEvacuationPlan(ctx.engine, ref);
    for (const p of plan.values()) if ('error' in p) fail(p.error[0]!, ...p.error.slice(1));
    const moves = [...plan].map(([vm, p]) => ({ vm, host: (p as { host: string }).host }));
    const size = Math.max(1, Number(batch ?? DEFAULT_BATCH) || DEFAULT_BATCH);
    return withOperation(ctx, { cls: 'host', ref, op: 'evacuate' }, async () => {
      let done = 0;
      for (let i = 0; i < moves.length; i += size) {
        await Promise.all(moves.slice(i, i + size).map(async (m) => {
          await poolMigrate({ ...ctx, taskRef: undefined }, m.vm, m.host);
          done++;
          if (ctx.taskRef) ctx.engine.tasks.setProgress(ctx.taskRef, done / moves.length);
        }));
        if (ctx.engine.tasks.cancelRequested(ctx.taskRef)) fail('TASK_CANCELLED', ctx.taskRef);
      }
      const left = residentGuests(ctx.engine, ref).length;
      if (left > 0) fail('INTERNAL_ERROR', `evacuate: ${left} VMs are still resident on ${ref}`);
      return '';
    });
  });

  /** Common path of reboot and shutdown: checks, then the host goes down in the background. */
  const goDown = async (ctx: CallContext, ref: string, op: 'reboot' | 'shutdown'): Promise<string> => {
    const { engine: e } = ctx;
    const rec = e.store.get('host', ref);
    assertNotBusy(ctx, 'host', ref);
    const busyVm = runningGuests(e, ref)[0];
    if (busyVm) fail('HOST_IN_USE', ref, 'vm', busyVm);
    if (rec.enabled) fail('HOST_NOT_DISABLED');
    // The operation stays in current_operations until the host is back (reboot) or for good (shutdown).
    const opKey = `${ctx.taskRef ?? 'OpaqueRef:' + crypto.randomUUID()}`;
    e.store.update('host', ref, { current_operations: { ...(rec.current_operations as object), [opKey]: op } });
    e.refreshAllowedOperations('host', ref);
    // Going down is the call's own duration: `/faults/duration {method: 'host.reboot'}` stretches it (tests that
    // must act while a reboot has started but its call has not returned).
    await abortableDelay(e.faults.durationFor(ctx.method) ?? e.scaled(HOST_DURATIONS.goingDown), e.shutdownSignal);
    setLive(e, ref, false);
    const finish = (): void => {
      if (!e.store.has('host', ref)) return;
      const ops = { ...(e.store.get('host', ref).current_operations as Record<string, string>) };
      delete ops[opKey];
      e.store.update('host', ref, op === 'reboot' ? { current_operations: ops, enabled: true, ...bootedFields(e, ref) } : { current_operations: ops });
      if (op === 'reboot') setLive(e, ref, true);
      e.refreshAllowedOperations('host', ref);
    };
    const faults = rebootFaultsFor(e);
    if (op === 'reboot' && faults.hangs(ref)) faults.park(ref, () => { if (!e.shutdownSignal.aborted) finish(); });
    else if (op === 'reboot') void abortableDelay(e.scaled(HOST_DURATIONS.rebootDown), e.shutdownSignal).then(() => { if (!e.shutdownSignal.aborted) finish(); });
    else finish();
    return '';
  };
  r.implement('host', 'reboot', (ctx, [host]) => goDown(ctx, String(host), 'reboot'));
  r.implement('host', 'shutdown', (ctx, [host]) => goDown(ctx, String(host), 'shutdown'));
  r.implement('host', 'set_power_on_mode', ({ engine: e }, [host, mode, config]) => {
    e.store.update('host', String(host), { power_on_mode: String(mode), power_on_config: config ?? {} });
    return '';
  });
  r.implement('host', 'power_on', (ctx, [host]) => {
    const ref = String(host);
    const rec = ctx.engine.store.get('host', ref);
    if (hostIsLive(ctx.engine, ref)) fail('HOST_IS_LIVE', ref);
    if (rec.power_on_mode === '') fail('HOST_POWER_ON_MODE_DISABLED');
    return withOperation(ctx, { cls: 'host', ref, op: 'power_on' }, async () => {
      await abortableDelay(ctx.engine.scaled(HOST_DURATIONS.powerOn), ctx.engine.shutdownSignal);
      setLive(ctx.engine, ref, true);
      ctx.engine.store.update('host', ref, { enabled: true });
      return '';
    });
  });
}
