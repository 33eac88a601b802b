/**
 * SRs and their PBDs over the storage world: SR.create (checks the device_config as the driver would, formats
 * the location — an SR already on a LUN or local disk is wiped —, one PBD per host when shared, each plugged,
 * a plug that fails only leaves its PBD unplugged, as xapi does), SR.introduce + PBD.create + PBD.plug (reattach:
 * the SR must be at the place its PBD names), SR.scan (finds a reattached SR's disks again), SR.forget (the disks
 * stay on the storage), SR.destroy (the storage is wiped), PBD.destroy (its secrets go, as xapi's
 * clean_out_passwds), and PBD.plug failures on chosen hosts (host faults).
 */
import { randomUUID } from 'node:crypto';
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { abortableDelay } from '../api/abortable-delay.js';
import type { DbRecord } from '../model/store.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { hostFaultsFor } from './host-faults.js';
import { runOperation } from './operation.js';
import { reachStorage, SM_TYPES } from './sm-backends.js';
import { smError, smFail } from './sm-errors.js';
import { refreshSrUsage, vdiAllowedOperations } from './sr-usage.js';
import { storageWorld } from './storage-world.js';

/** Simulated durations (ms before scaling). */
export const SR_MS = { create: 3000, plug: 1500, introduce: 200 };

type Config = Record<string, string>;
const asConfig = (value: unknown): Config => Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

const SR_OPERATIONS = ['scan', 'destroy', 'forget', 'plug', 'unplug', 'update', 'vdi_create', 'vdi_destroy', 'vdi_resize', 'vdi_clone', 'vdi_snapshot', 'vdi_copy', 'vdi_mirror'];
const THICK_TYPES = new Set(['lvm', 'lvmoiscsi']);

/** The secrets a device_config names (`*_secret` keys). */
function secretUuids(config: Config): string[] {
  return Object.entries(config).filter(([key]) => key.endsWith('_secret')).map(([, uuid]) => uuid);
}

/** A copy of each secret the config names, for another host's PBD (xapi's duplicate_passwds). */
function duplicateSecrets(engine: Engine, config: Config): Config {
  const out = { ...config };
  for (const [key, uuid] of Object.entries(config)) {
    if (!key.endsWith('_secret')) continue;
    const ref = engine.store.refByUuid('secret', uuid);
    if (!ref) continue;
    const copy = randomUUID();
    engine.store.create('secret', { uuid: copy, value: engine.store.get('secret', ref).value, other_config: {} });
    out[key] = copy;
  }
  return out;
}

/** Checks that a PBD can attach its SR on its host, as the driver's attach does; returns the SR's size there. */
function attach(engine: Engine, pbd: DbRecord): number {
  const host = String(pbd.host);
  hostFaultsFor(engine).check(host, 'PBD.plug');
  const sr = engine.store.get('SR', String(pbd.SR));
  const type = String(sr.type);
  const reached = reachStorage(engine, host, type, asConfig(pbd.device_config));
  if (type === 'iso' || type === 'udev') return Number(sr.physical_size);
  const written = storageWorld(engine).written.get(String(sr.uuid));
  // LVM finds no volume group named for the SR, NFS no directory: the SR is not at that place.
  if (!written || written.location !== reached.location) throw smError('srUnavailable', `no SR ${String(sr.uuid)} at ${reached.location}`);
  return written.physical_size;
}

/** Restores the disks of an SR the pool forgot (what a scan of the reattached SR finds). */
function restoreVdis(engine: Engine, srRef: string): void {
  const sr = engine.store.get('SR', srRef);
  const written = storageWorld(engine).written.get(String(sr.uuid));
  if (!written || written.vdis.length === 0) return;
  const known = new Set((sr.VDIs as string[]).map((v) => String(engine.store.get('VDI', v).uuid)));
  for (const vdi of written.vdis) {
    if (known.has(String(vdi.uuid))) continue;
    engine.store.create('VDI', { ...vdi, SR: srRef, current_operations: {}, allowed_operations: vdiAllowedOperations(vdi), snapshot_of: NULL_REF, parent: NULL_REF });
  }
  written.vdis = [];
  refreshSrUsage(engine, srRef);
}

/** SR.allowed_operations: none while an operation runs; ISO libraries and drives hold no VM disks. */
function srAllowedOperations(engine: Engine, ref: string): string[] {
  const sr = engine.store.get('SR', ref);
  if (Object.keys((sr.current_operations ?? {}) as object).length > 0) return [];
  if (sr.type === 'udev') return ['plug', 'unplug', 'update'];
  if (sr.content_type === 'iso') return ['scan', 'destroy', 'forget', 'plug', 'unplug', 'update', 'vdi_create', 'vdi_destroy'];
  return SR_OPERATIONS;
}

export function registerSrLifecycle(engine: Engine): void {
  const r = engine.registry;
  const { store } = engine;
  engine.allowedOperationsRules.set('SR', srAllowedOperations);
  engine.store.onChange((c) => {
    if (!engine.store.isLoading && c.op === 'add' && c.cls === 'SR') engine.refreshAllowedOperations('SR', c.ref);
  });

  r.implement('SR', 'create', async (ctx, [host, deviceConfig, physicalSize, nameLabel, nameDescription, type, contentType, shared, smConfig]) => {
    const hostRef = String(host);
    store.get('host', hostRef);
    const t = String(type).toLowerCase();
    if (!(SM_TYPES as readonly string[]).includes(t)) fail('SR_UNKNOWN_DRIVER', t);
    hostFaultsFor(engine).check(hostRef, ctx.method);
    const config = asConfig(deviceConfig);
    const reached = reachStorage(engine, hostRef, t, config);
    const world = storageWorld(engine);
    const here = world.srsAt(reached.location);
    // A LUN or disk holds one SR: formatting it wipes the one there, unless the pool uses it now.
    if (t === 'lvmoiscsi' || t === 'lvm' || t === 'ext') {
      for (const old of here) {
        const live = store.refByUuid('SR', old.uuid);
        if (live && (store.get('SR', live).PBDs as string[]).some((p) => store.get('PBD', p).currently_attached === true)) smFail('srInUse', reached.location);
      }
    }
    await abortableDelay(engine.scaled(SR_MS.create), engine.shutdownSignal);
    if (t === 'lvmoiscsi' || t === 'lvm' || t === 'ext') for (const old of here) world.written.delete(old.uuid);
    const uuid = randomUUID();
    const size = t === 'iso' || t === 'udev' ? 0 : Number(physicalSize) > 0 && t !== 'lvmoiscsi' && t !== 'lvm' && t !== 'ext' ? Math.min(Number(physicalSize), reached.size) : reached.size;
    const sr = store.create('SR', {
      uuid, name_label: String(nameLabel ?? ''), name_description: String(nameDescription ?? ''), type: t, content_type: String(contentType ?? ''),
      shared: shared === true, physical_size: size, physical_utilisation: 0, virtual_allocation: 0,
      sm_config: { ...asConfig(smConfig), ...(THICK_TYPES.has(t) ? { allocation: 'thick', use_vhd: 'true' } : {}) }, other_config: {}, allowed_operations: [], current_operations: {},
    });
    if (t !== 'iso' && t !== 'udev') world.written.set(uuid, { uuid, location: reached.location, type: t, name_label: String(nameLabel ?? ''), name_description: String(nameDescription ?? ''), physical_size: size, vdis: [] });
    const hosts = shared === true ? [hostRef, ...store.refs('host').filter((h) => h !== hostRef)] : [hostRef];
    for (const h of hosts) {
      const pbd = store.create('PBD', { SR: sr, host: h, device_config: h === engine.masterRef ? config : duplicateSecrets(engine, config), currently_attached: false, other_config: {} });
      try {
        attach(engine, store.get('PBD', pbd));
        store.update('PBD', pbd, { currently_attached: true });
      } catch {
        // xapi logs "Could not plug PBD" and carries on: the SR exists, repair plugs it later.
      }
    }
    return sr;
  });

  r.implement('SR', 'introduce', async (_ctx, [uuid, nameLabel, nameDescription, type, contentType, shared, smConfig]) => {
    const u = String(uuid ?? '') || randomUUID();
    if (store.refByUuid('SR', u)) fail('SR_UUID_EXISTS', u);
    const t = String(type).toLowerCase();
    if (!(SM_TYPES as readonly string[]).includes(t)) fail('SR_UNKNOWN_DRIVER', t);
    await abortableDelay(engine.scaled(SR_MS.introduce), engine.shutdownSignal);
    const written = storageWorld(engine).written.get(u);
    return store.create('SR', {
      uuid: u, name_label: String(nameLabel ?? written?.name_label ?? ''), name_description: String(nameDescription ?? ''), type: t, content_type: String(contentType ?? ''),
      shared: shared === true, physical_size: -1, physical_utilisation: -1, virtual_allocation: 0, sm_config: asConfig(smConfig), other_config: {},
      allowed_operations: [], current_operations: {},
    });
  });

  r.implement('PBD', 'create', (_ctx, [args]) => {
    const a = (args ?? {}) as Record<string, unknown>;
    const sr = String(a.SR ?? NULL_REF);
    const host = String(a.host ?? NULL_REF);
    store.get('SR', sr);
    store.get('host', host);
    const existing = (store.get('SR', sr).PBDs as string[]).find((p) => store.get('PBD', p).host === host);
    if (existing) fail('PBD_EXISTS', sr, host, existing);
    return store.create('PBD', { other_config: {}, ...a, SR: sr, host, device_config: asConfig(a.device_config), currently_attached: a.currently_attached === true });
  });

  r.implement('PBD', 'destroy', (_ctx, [pbd]) => {
    const ref = String(pbd);
    const rec = store.get('PBD', ref);
    if (rec.currently_attached === true) fail('OPERATION_NOT_ALLOWED', 'PBD is currently attached');
    destroyPbd(engine, ref);
    return '';
  });

  const setPbd = (ctx: CallContext, ref: string, attached: boolean): Promise<string> => {
    const pbd = store.get('PBD', ref);
    if (!attached) {
      // A disk in use by a domain on that host keeps the SR attached there.
      for (const vdi of store.get('SR', pbd.SR as string).VDIs as string[]) {
        for (const vbd of (store.row('VDI', vdi)?.record.VBDs ?? []) as string[]) {
          const b = store.row('VBD', vbd)?.record;
          if (b?.currently_attached && store.row('VM', b.VM as string)?.record.resident_on === pbd.host) fail('VDI_IN_USE', vdi, 'unplug');
        }
      }
    } else if (pbd.currently_attached !== true) {
      hostFaultsFor(engine).check(String(pbd.host), ctx.method);
    }
    return runOperation(ctx, {
      cls: 'SR', ref: pbd.SR as string, op: attached ? 'plug' : 'unplug', durationMs: SR_MS.plug, steps: 1, concurrent: true,
      apply: () => {
        const now = store.get('PBD', ref);
        if (now.currently_attached === attached) return '';
        if (attached) {
          const size = attach(engine, now);
          const srRef = String(now.SR);
          if (Number(store.get('SR', srRef).physical_size) < 0) store.update('SR', srRef, { physical_size: size, physical_utilisation: 0 });
        }
        store.update('PBD', ref, { currently_attached: attached });
        return '';
      },
    });
  };
  r.implement('PBD', 'plug', (ctx, [pbd]) => setPbd(ctx, String(pbd), true));
  r.implement('PBD', 'unplug', (ctx, [pbd]) => setPbd(ctx, String(pbd), false));

  r.implement('SR', 'scan', (ctx, [sr]) => {
    const ref = String(sr);
    const rec = store.get('SR', ref);
    if (!(rec.PBDs as string[]).some((p) => store.get('PBD', p).currently_attached === true)) fail('SR_HAS_NO_PBDS', ref);
    return runOperation(ctx, { cls: 'SR', ref, op: 'scan', durationMs: 1000, steps: 1, concurrent: true, apply: () => { restoreVdis(engine, ref); refreshSrUsage(engine, ref); return ''; } });
  });

  /** SR.forget / SR.destroy: every PBD unplugged first (SR_HAS_PBD [sr]); the records go. */
  const removeSr = (ref: string, destroy: boolean): string => {
    const sr = store.get('SR', ref);
    if ((sr.PBDs as string[]).some((p) => store.row('PBD', p)?.record.currently_attached === true)) fail('SR_HAS_PBD', ref);
    if (destroy && (sr.other_config as Record<string, string>).indestructible === 'true') fail('SR_INDESTRUCTIBLE', ref);
    if (destroy && (sr.VDIs as string[]).some((v) => ((store.row('VDI', v)?.record.VBDs ?? []) as string[]).length > 0)) fail('SR_NOT_EMPTY');
    const written = storageWorld(engine).written.get(String(sr.uuid));
    const kept: DbRecord[] = [];
    for (const vdi of [...(sr.VDIs as string[])]) {
      const rec = store.get('VDI', vdi);
      const { VBDs: _vbds, SR: _sr, current_operations: _ops, allowed_operations: _allowed, snapshots: _snaps, crash_dumps: _dumps, ...onDisk } = rec;
      kept.push(onDisk);
      for (const vbd of [...((rec.VBDs ?? []) as string[])]) store.update('VBD', vbd, { VDI: NULL_REF, empty: true });
      store.destroy('VDI', vdi);
    }
    for (const pbd of [...(sr.PBDs as string[])]) destroyPbd(engine, pbd);
    store.destroy('SR', ref);
    if (written) {
      if (destroy) storageWorld(engine).written.delete(written.uuid);
      else if (Number(sr.physical_size) >= 0) {
        // Attached here at some point: what it holds, and its name, stay on the storage.
        written.vdis.push(...kept);
        written.name_label = String(sr.name_label);
        written.name_description = String(sr.name_description);
      }
    }
    return '';
  };
  r.implement('SR', 'forget', (_ctx, [sr]) => removeSr(String(sr), false));
  r.implement('SR', 'destroy', (_ctx, [sr]) => removeSr(String(sr), true));
}

/** Removes a PBD and the secrets its device_config names (xapi's clean_out_passwds). */
function destroyPbd(engine: Engine, ref: string): void {
  const config = asConfig(engine.store.get('PBD', ref).device_config);
  engine.store.destroy('PBD', ref);
  for (const uuid of secretUuids(config)) {
    const secret = engine.store.refByUuid('secret', uuid);
    if (secret) engine.store.destroy('secret', secret);
  }
}

