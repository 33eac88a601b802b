/**
 * XenServer 8.4 CDN updates (xapi_pool.ml sync_updates, xapi_host.ml apply_updates, repository.ml): sync copies
 * what the CDN publishes and answers its hash; apply installs a host's pending updates for that hash (refusing a
 * stale one with UPDATEINFO_HASH_MISMATCH) and leaves the guidance pending on the host and its VMs, which
 * `host.restart_agent`, `VM.restart_device_models` and a reboot clear.
 */
import { abortableDelay } from '../api/abortable-delay.js';
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { residentGuests } from '../behaviour/host-evacuation.js';
import { runOperation } from '../behaviour/operation.js';
import { fail } from '../model/xapi-error.js';
import { API_GUIDANCE, cdnCatalogue, mergeGuidance, type CdnGuidance } from './cdn-catalogue.js';

/** Simulated durations (ms before time scaling). */
export const CDN_DURATIONS = { sync: 6000, apply: 15_000, restartAgent: 4000, restartDeviceModel: 2000 };

const apiGuidances = (list: readonly CdnGuidance[]): string[] => list.map((g) => API_GUIDANCE[g]).filter((g): g is string => g !== null);

const union = (current: unknown, more: readonly string[]): string[] => [...new Set([...((current as string[] | undefined) ?? []), ...more])];

/** NO_REPOSITORY_ENABLED unless the pool has an enabled update repository. */
function assertUpdateRepository(engine: Engine): void {
  const { store } = engine;
  const repos = (store.get('pool', engine.poolRef()).repositories as string[] | undefined) ?? [];
  if (repos.length === 0) fail('NO_REPOSITORY_ENABLED');
  if (!repos.some((r) => store.row('Repository', r)?.record.update === true)) fail('NO_REPOSITORY_ENABLED');
}

/** What applying a host's pending updates leaves pending: on the host, and on the VMs running there. */
function setPendingGuidance(engine: Engine, hostRef: string, guidance: ReturnType<typeof mergeGuidance>): void {
  const { store } = engine;
  const hostLevel = (list: CdnGuidance[]): string[] => apiGuidances(list.filter((g) => g === 'RebootHost' || g === 'RestartToolstack'));
  const vmLevel = (list: CdnGuidance[]): string[] => apiGuidances(list.filter((g) => g === 'RestartDeviceModel' || g === 'RestartVM'));
  const host = store.get('host', hostRef);
  store.update('host', hostRef, {
    pending_guidances: union(host.pending_guidances, hostLevel(guidance.mandatory)),
    pending_guidances_recommended: union(host.pending_guidances_recommended, hostLevel(guidance.recommended)),
    pending_guidances_full: union(host.pending_guidances_full, hostLevel(guidance.full)),
  });
  for (const vm of residentGuests(engine, hostRef)) {
    const rec = store.get('VM', vm);
    if (rec.power_state === 'Halted') continue;
    store.update('VM', vm, {
      pending_guidances: union(rec.pending_guidances, vmLevel(guidance.mandatory)),
      pending_guidances_recommended: union(rec.pending_guidances_recommended, vmLevel(guidance.recommended)),
      pending_guidances_full: union(rec.pending_guidances_full, vmLevel(guidance.full)),
    });
  }
}

/** Removes one guidance from an object's three pending lists. */
function clearGuidance(engine: Engine, cls: 'host' | 'VM', ref: string, guidance: string): void {
  const rec = engine.store.get(cls, ref);
  const without = (list: unknown): string[] => ((list as string[] | undefined) ?? []).filter((g) => g !== guidance);
  engine.store.update(cls, ref, {
    pending_guidances: without(rec.pending_guidances),
    pending_guidances_recommended: without(rec.pending_guidances_recommended),
    pending_guidances_full: without(rec.pending_guidances_full),
  });
}

async function applyUpdates(ctx: CallContext, hostRef: string, hash: string): Promise<string[][]> {
  const { engine } = ctx;
  const catalogue = cdnCatalogue(engine);
  engine.store.get('host', hostRef);
  assertUpdateRepository(engine);
  if (!catalogue.synced || hash === '' || hash !== catalogue.synced.hash) fail('UPDATEINFO_HASH_MISMATCH');
  const pending = catalogue.pendingFor(hostRef);
  const guidance = mergeGuidance(pending);
  const running = residentGuests(engine, hostRef).filter((vm) => engine.store.get('VM', vm).power_state !== 'Halted');
  if (guidance.mandatory.includes('EvacuateHost') && running.length > 0) fail('HOST_EVACUATION_IS_REQUIRED', hostRef);
  return runOperation(ctx, {
    cls: 'host', ref: hostRef, op: 'apply_updates', durationMs: CDN_DURATIONS.apply,
    apply: () => {
      for (const u of pending) catalogue.appliedOn(hostRef).add(u.id);
      setPendingGuidance(engine, hostRef, guidance);
      engine.store.update('host', hostRef, { last_update_hash: hash, last_software_update: new Date(), latest_synced_updates_applied: 'yes' });
      return [];
    },
  });
}

export function registerCdnUpdates(engine: Engine): void {
  const r = engine.registry;
  r.implement('pool', 'sync_updates', (ctx, [self]) => {
    const { engine: e } = ctx;
    e.store.get('pool', String(self));
    assertUpdateRepository(e);
    return runOperation(ctx, {
      cls: 'pool', ref: String(self), op: 'sync_updates', durationMs: CDN_DURATIONS.sync,
      apply: () => {
        const hash = cdnCatalogue(e).sync();
        const store = e.store;
        for (const repo of (store.get('pool', String(self)).repositories as string[] | undefined) ?? []) {
          if (store.row('Repository', repo)?.record.update === true) store.update('Repository', repo, { hash });
        }
        for (const host of store.refs('host')) store.update('host', host, { latest_synced_updates_applied: cdnCatalogue(e).pendingFor(host).length > 0 ? 'no' : 'yes' });
        store.update('pool', String(self), { last_update_sync: new Date() });
        return hash;
      },
    });
  });
  r.implement('host', 'apply_updates', (ctx, [host, hash]) => applyUpdates(ctx, String(host), String(hash ?? '')));
  // Neither call has an operation in its class's enum, so neither shows in current_operations (as in xapi).
  r.implement('host', 'restart_agent', async (ctx, [host]) => {
    const ref = String(host);
    ctx.engine.store.get('host', ref);
    await abortableDelay(ctx.engine.scaled(CDN_DURATIONS.restartAgent), ctx.engine.shutdownSignal);
    const rec = ctx.engine.store.get('host', ref);
    const now = Math.floor(Date.now() / 1000);
    ctx.engine.store.update('host', ref, { other_config: { ...(rec.other_config as Record<string, string>), agent_start_time: `${now}.` } });
    clearGuidance(ctx.engine, 'host', ref, 'restart_toolstack');
    return '';
  });
  r.implement('VM', 'restart_device_models', async (ctx, [vm]) => {
    const ref = String(vm);
    const rec = ctx.engine.store.get('VM', ref);
    if (rec.power_state !== 'Running') fail('VM_BAD_POWER_STATE', ref, 'running', String(rec.power_state).toLowerCase());
    await abortableDelay(ctx.engine.scaled(CDN_DURATIONS.restartDeviceModel), ctx.engine.shutdownSignal);
    clearGuidance(ctx.engine, 'VM', ref, 'restart_device_model');
    return '';
  });
}
