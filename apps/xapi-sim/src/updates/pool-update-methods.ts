/**
 * XenServer 7.1–8.2 pool_update (xapi_pool_update.ml): introduce from a VDI holding an update package, precheck
 * with xapi's failure codes, apply / pool_apply (time-scaled), pool_clean (drops the VDI), destroy (unapplied only),
 * and host.updates / host.updates_requiring_reboot kept in step.
 */
import { abortableDelay } from '../api/abortable-delay.js';
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { disksFor } from '../disk/disks-for-engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { parseUpdatePackage, type UpdateMeta } from './update-package.js';

/** Simulated apply duration per host (before time scaling). */
export const POOL_UPDATE_APPLY_MS = 8000;

interface Introduced { meta: UpdateMeta; signatureValid: boolean }

const introduced = new WeakMap<Engine, Map<string, Introduced>>();

function registry(engine: Engine): Map<string, Introduced> {
  let m = introduced.get(engine);
  if (!m) {
    m = new Map();
    introduced.set(engine, m);
  }
  return m;
}

/** pool_update.introduce: reads the package from the VDI and records it. */
export function introduceUpdate(engine: Engine, vdiRef: string): string {
  const { store } = engine;
  store.get('VDI', vdiRef);
  const disks = disksFor(engine);
  const size = disks.virtualSize(vdiRef);
  const parsed = parseUpdatePackage((offset, length) => (offset >= size ? Buffer.alloc(0) : disks.read(vdiRef, offset, Math.min(length, size - offset))));
  if (!parsed) fail('INVALID_UPDATE', 'The uploaded update package is invalid.');
  const m = parsed.meta;
  if (store.refByUuid('pool_update', m.uuid)) fail('UPDATE_ALREADY_EXISTS', m.uuid);
  const ref = store.create('pool_update', {
    uuid: m.uuid, name_label: m.name_label, name_description: m.name_description, version: m.version,
    installation_size: m.installation_size, key: m.key, after_apply_guidance: m.after_apply_guidance,
    vdi: vdiRef, hosts: [], enforce_homogeneity: m.enforce_homogeneity, other_config: {},
  });
  registry(engine).set(ref, { meta: m, signatureValid: parsed.signatureValid });
  return ref;
}

const appliedOn = (engine: Engine, hostRef: string): string[] => (engine.store.get('host', hostRef).updates as string[]) ?? [];

/** pool_update.precheck: the livepatch status, or the UPDATE_PRECHECK_FAILED_* xapi would raise. */
export function precheckUpdate(engine: Engine, updateRef: string, hostRef: string): string {
  const { store } = engine;
  const rec = store.get('pool_update', updateRef);
  const info = registry(engine).get(updateRef);
  if (!info) fail('UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR', updateRef, 'update metadata not found');
  if (!info.signatureValid) fail('UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR', updateRef, 'The update package failed its signature check: the file is corrupt or was modified.');
  if (rec.vdi === NULL_REF || !store.has('VDI', String(rec.vdi))) fail('UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR', updateRef, 'the update files were cleaned from the pool');
  const applied = appliedOn(engine, hostRef);
  if (applied.includes(updateRef)) fail('UPDATE_ALREADY_APPLIED', updateRef);
  const sv = (store.get('host', hostRef).software_version ?? {}) as Record<string, string>;
  const installed = sv.product_version ?? '';
  if (info.meta.product_versions.length > 0 && !info.meta.product_versions.includes(installed)) {
    fail('UPDATE_PRECHECK_FAILED_WRONG_SERVER_VERSION', updateRef, installed, info.meta.product_versions.join(', '));
  }
  const appliedUuids = new Set(applied.map((u) => String(store.row('pool_update', u)?.record.uuid ?? '')));
  for (const req of info.meta.requires) if (!appliedUuids.has(req)) fail('UPDATE_PRECHECK_FAILED_PREREQUISITE_MISSING', updateRef, req);
  for (const c of info.meta.conflicts) if (appliedUuids.has(c)) fail('UPDATE_PRECHECK_FAILED_CONFLICT_PRESENT', updateRef, c);
  return info.meta.livepatch ? 'ok_livepatch_complete' : 'ok';
}

async function applyOn(ctx: CallContext, updateRef: string, hostRef: string): Promise<void> {
  const { engine } = ctx;
  precheckUpdate(engine, updateRef, hostRef);
  await abortableDelay(engine.scaled(POOL_UPDATE_APPLY_MS), engine.shutdownSignal);
  const { store } = engine;
  const rec = store.get('pool_update', updateRef);
  const host = store.get('host', hostRef);
  store.update('pool_update', updateRef, { hosts: [...new Set([...(rec.hosts as string[]), hostRef])] });
  const patch: Record<string, unknown> = { updates: [...new Set([...(host.updates as string[]), updateRef])], last_software_update: new Date() };
  if ((rec.after_apply_guidance as string[]).includes('restartHost')) patch.updates_requiring_reboot = [...new Set([...(host.updates_requiring_reboot as string[]), updateRef])];
  store.update('host', hostRef, patch);
}

function dropVdi(engine: Engine, updateRef: string): void {
  const vdi = String(engine.store.get('pool_update', updateRef).vdi);
  if (vdi !== NULL_REF && engine.store.has('VDI', vdi)) engine.store.destroy('VDI', vdi);
  engine.store.update('pool_update', updateRef, { vdi: NULL_REF });
}

export function registerPoolUpdates(engine: Engine): void {
  const r = engine.registry;
  r.implement('pool_update', 'introduce', (ctx, [vdi]) => introduceUpdate(ctx.engine, String(vdi)));
  r.implement('pool_update', 'precheck', (ctx, [self, host]) => precheckUpdate(ctx.engine, String(self), String(host)));
  r.implement('pool_update', 'apply', (ctx, [self, host]) => applyOn(ctx, String(self), String(host)));
  r.implement('pool_update', 'pool_apply', async (ctx, [self]) => {
    const { engine: e } = ctx;
    const hosts = [e.masterRef, ...e.store.refs('host').filter((h) => h !== e.masterRef)];
    for (const h of hosts) if (!appliedOn(e, h).includes(String(self))) await applyOn(ctx, String(self), h);
  });
  r.implement('pool_update', 'pool_clean', (ctx, [self]) => dropVdi(ctx.engine, String(self)));
  r.implement('pool_update', 'destroy', (ctx, [self]) => {
    const { store } = ctx.engine;
    if ((store.get('pool_update', String(self)).hosts as string[]).length > 0) fail('UPDATE_IS_APPLIED');
    dropVdi(ctx.engine, String(self));
    registry(ctx.engine).delete(String(self));
    store.destroy('pool_update', String(self));
  });
}
