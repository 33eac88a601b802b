/**
 * Creates the objects described by an `ova.xml` on a target SR, as xapi's import.ml handlers do: hosts and SRs are
 * looked up, networks matched by name then bridge (else created), VDIs created fresh on the target SR (ISO VDIs
 * matched by location or ejected), the VM created Halted with fresh uuid, MAC seed and generation id (kept on
 * restore) and `current_operations {task: import}`, then VBDs and VIFs. Everything created is undone on failure.
 * A migration's metadata (`migration`) creates no VDIs: each names the disk already copied to this pool in
 * `other_config.maps_to`, as each VIF names its network there; snapshot links and a suspended state carry over.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Engine } from '../api/engine.js';
import { coerceParam } from '../api/coerce.js';
import type { DbRecord } from '../model/store.js';
import { NULL_REF, type XapiType } from '../model/type-grammar.js';
import { fail, XapiError } from '../model/xapi-error.js';
import type { OvaHeader, OvaObject } from './ova-parse.js';
import type { ReceivedDisk } from './xva-disk-receiver.js';

export interface ImportOptions {
  /** Where new disks go (not used by a migration's metadata, whose disks exist already). */
  srRef?: string;
  taskRef: string;
  restore: boolean;
  force: boolean;
  /** Metadata of a cross-pool migration (PUT /import_metadata); `live` keeps the VM's generation id. */
  migration?: { live: boolean };
}

/** The other_config key naming a migrated object's counterpart on this pool (xapi's storage_migrate_*_map_key). */
export const MAPS_TO = 'maps_to';

export interface ImportedObjects {
  vms: string[];
  disks: ReceivedDisk[];
  /** Destroys everything created (failure path). */
  rollback(): void;
  /** Clears the import operation on the new VMs (success path). */
  finish(): void;
}

/** Fields never copied from an export: relation sets the store maintains and runtime state. */
const SKIP_FIELDS = new Set(['uuid', 'current_operations', 'allowed_operations']);

const randomMac = (): string => {
  const b = randomBytes(6);
  b[0] = (b[0]! & 0xfe) | 0x02; // locally administered, unicast
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
};

export function importObjects(engine: Engine, header: OvaHeader, o: ImportOptions): ImportedObjects {
  const { store, schema } = engine;
  const table = new Map<string, string>(); // export id → local ref
  const created: { cls: string; ref: string }[] = [];
  const vms: string[] = [];
  const find = (id: string): OvaObject | undefined => header.objects.find((x) => x.id === id);
  const lookup = (v: unknown): string => (typeof v === 'string' ? table.get(v) ?? NULL_REF : NULL_REF);

  /** The snapshot's fields coerced to the local schema, refs resolved through the table (unknown → NULL). */
  const localFields = (cls: string, snap: Record<string, unknown>): DbRecord => {
    const out: DbRecord = {};
    for (const f of schema.fields(cls)) {
      if (SKIP_FIELDS.has(f.name) || !(f.name in snap)) continue;
      try {
        out[f.name] = resolve(coerceParam(schema, snap[f.name], f.parsed, f.name), f.parsed);
      } catch {
        // a field this schema cannot read keeps its default, as xapi's record unmarshalling would
      }
    }
    return out;
  };
  const resolve = (v: unknown, t: XapiType): unknown => {
    if (t.kind === 'ref') return lookup(v);
    if (t.kind === 'set' && t.of.kind === 'ref' && Array.isArray(v)) return v.map(lookup).filter((r) => r !== NULL_REF);
    return v;
  };
  const create = (cls: string, fields: DbRecord, id?: string): string => {
    const ref = store.create(cls, { uuid: randomUUID(), ...fields });
    created.push({ cls, ref });
    if (id) table.set(id, ref);
    return ref;
  };
  const of = (cls: string): OvaObject[] => header.objects.filter((x) => x.cls === cls);
  const mapsTo = (snap: Record<string, unknown>): string | undefined => (snap.other_config as Record<string, string> | undefined)?.[MAPS_TO];
  /** A migrated disk: the copy named by maps_to (else a VDI with the same uuid: a shared SR); CDs matched as on import. */
  const mapMigratedVdi = (x: OvaObject): void => {
    const target = mapsTo(x.snapshot);
    const iso = [...store.rows('VDI')].find((r) => r.record.location === x.snapshot.location && store.row('SR', String(r.record.SR))?.record.content_type === 'iso');
    const ref = target && store.has('VDI', target) ? target : store.refByUuid('VDI', String(x.snapshot.uuid)) ?? iso?.ref;
    if (ref) table.set(x.id, ref);
  };
  /** Snapshot disks copied by migration become snapshots of their VDI's copy again (SMAPI update_snapshot_info). */
  const linkMigratedSnapshots = (): void => {
    for (const x of of('VDI')) {
      const ref = table.get(x.id);
      if (!ref || x.snapshot.is_a_snapshot !== true || !mapsTo(x.snapshot)) continue;
      const of_ = lookup(x.snapshot.snapshot_of);
      store.update('VDI', ref, { is_a_snapshot: true, snapshot_of: of_, snapshot_time: coerceParam(schema, x.snapshot.snapshot_time, { kind: 'datetime' }, 'snapshot_time') });
    }
  };

  try {
    const targetSr = o.srRef ? store.get('SR', o.srRef) : undefined;
    for (const x of of('host')) {
      const ref = store.refByUuid('host', String(x.snapshot.uuid));
      if (ref) table.set(x.id, ref);
    }
    for (const x of of('SR')) if (x.snapshot.content_type !== 'iso' && o.srRef) table.set(x.id, o.srRef);
    const disks: ReceivedDisk[] = [];
    const cdVdis = new Set(of('VBD').filter((v) => v.snapshot.type === 'CD').map((v) => String(v.snapshot.VDI)));
    for (const x of of('VDI')) {
      if (o.migration) {
        mapMigratedVdi(x);
        continue;
      }
      const srSnap = find(String(x.snapshot.SR))?.snapshot;
      if (srSnap?.content_type === 'iso') {
        const iso = [...store.rows('VDI')].find((r) => r.record.location === x.snapshot.location && store.row('SR', String(r.record.SR))?.record.content_type === 'iso');
        if (iso) table.set(x.id, iso.ref);
        continue;
      }
      const fields = localFields('VDI', x.snapshot);
      const sm = { ...((fields.sm_config as Record<string, string>) ?? {}), import_task: o.taskRef };
      if (!o.srRef) fail('DEFAULT_SR_NOT_FOUND', NULL_REF);
      const ref = create('VDI', {
        ...fields,
        SR: o.srRef,
        sm_config: sm,
        location: '',
        is_a_snapshot: false,
        snapshot_of: NULL_REF,
        physical_utilisation: 0,
        managed: true,
        missing: false,
      }, x.id);
      store.update('VDI', ref, { location: String(store.get('VDI', ref).uuid) });
      if (!cdVdis.has(x.id) || x.snapshot.type === 'suspend') disks.push({ prefix: x.id, vdiRef: ref, size: Number(fields.virtual_size ?? 0) });
    }
    if (targetSr?.content_type === 'iso') fail('SR_OPERATION_NOT_SUPPORTED', o.srRef);
    if (o.migration) linkMigratedSnapshots();
    for (const x of of('VM_guest_metrics')) create('VM_guest_metrics', localFields('VM_guest_metrics', x.snapshot), x.id);
    for (const x of of('VM')) {
      const snap = x.snapshot;
      const existing = o.restore ? store.refByUuid('VM', String(snap.uuid)) : undefined;
      if (existing) {
        const state = store.get('VM', existing).power_state;
        if (state !== 'Halted') {
          if (o.force) continue;
          fail('VM_BAD_POWER_STATE', existing, 'halted', String(state).toLowerCase());
        }
        for (const vbd of store.get('VM', existing).VBDs as string[]) if (store.has('VBD', vbd)) store.destroy('VBD', vbd);
        for (const vif of store.get('VM', existing).VIFs as string[]) if (store.has('VIF', vif)) store.destroy('VIF', vif);
        store.destroy('VM', existing);
      }
      const fields = localFields('VM', snap);
      const otherConfig = { ...((fields.other_config as Record<string, string>) ?? {}) };
      if (!o.restore) otherConfig.mac_seed = randomUUID();
      otherConfig.import_task = o.taskRef;
      // A migrated suspended VM arrives suspended, its suspend image already copied; a live one keeps its genid.
      const suspendVdi = o.migration && snap.power_state === 'Suspended' ? lookup(snap.suspend_VDI) : NULL_REF;
      const keepGenid = (o.migration?.live === true || fields.is_a_template === true) && typeof fields.generation_id === 'string';
      const metrics = create('VM_metrics', { memory_actual: Number(fields.memory_dynamic_max ?? 0), VCPUs_number: Number(fields.VCPUs_at_startup ?? 1), last_updated: new Date() });
      const ref = create('VM', {
        ...fields,
        ...(o.restore ? { uuid: String(snap.uuid) } : {}),
        other_config: otherConfig,
        generation_id: keepGenid ? fields.generation_id : `${randomBytes(4).readUInt32BE()}:${randomBytes(4).readUInt32BE()}`,
        version: o.restore ? Number(fields.version ?? 0) + 1 : 0,
        power_state: suspendVdi !== NULL_REF ? 'Suspended' : 'Halted',
        suspend_VDI: suspendVdi,
        resident_on: NULL_REF,
        scheduled_to_be_resident_on: NULL_REF,
        affinity: lookup(snap.affinity),
        metrics,
        guest_metrics: lookup(snap.guest_metrics),
        appliance: NULL_REF,
        protection_policy: NULL_REF,
        domid: -1,
        current_operations: o.force ? {} : { [o.taskRef]: 'import' },
      }, x.id);
      engine.refreshAllowedOperations('VM', ref);
      vms.push(ref);
    }
    for (const x of of('network')) {
      const name = String(x.snapshot.name_label ?? '');
      const bridge = String(x.snapshot.bridge ?? '');
      const match = [...store.rows('network')].find((r) => r.record.name_label === name) ?? [...store.rows('network')].find((r) => bridge !== '' && r.record.bridge === bridge);
      if (match) table.set(x.id, match.ref);
      else create('network', { ...localFields('network', x.snapshot), other_config: { import_task: o.taskRef } }, x.id);
    }
    for (const x of of('VBD')) {
      const vm = lookup(x.snapshot.VM);
      if (vm === NULL_REF) continue;
      const vdi = lookup(x.snapshot.VDI);
      const isCd = x.snapshot.type === 'CD';
      if (vdi === NULL_REF && !isCd && x.snapshot.empty !== true) throw new XapiError('IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND', []);
      create('VBD', { ...localFields('VBD', x.snapshot), VM: vm, VDI: vdi, empty: vdi === NULL_REF, currently_attached: false }, x.id);
    }
    for (const x of of('VIF')) {
      const vm = lookup(x.snapshot.VM);
      const mapped = o.migration ? mapsTo(x.snapshot) : undefined;
      const network = mapped && store.has('network', mapped) ? mapped : lookup(x.snapshot.network);
      if (vm === NULL_REF || network === NULL_REF) continue;
      const fields = localFields('VIF', x.snapshot);
      const { [MAPS_TO]: _mapped, ...otherConfig } = (fields.other_config ?? {}) as Record<string, string>;
      create('VIF', { ...fields, other_config: otherConfig, VM: vm, network, currently_attached: false, ...(o.restore ? {} : { MAC: randomMac(), MAC_autogenerated: true }) }, x.id);
    }
    disks.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
    return {
      vms,
      disks,
      rollback() {
        for (const c of [...created].reverse()) if (store.has(c.cls, c.ref)) store.destroy(c.cls, c.ref);
      },
      finish() {
        for (const vm of vms) {
          if (!store.has('VM', vm)) continue;
          const rec = store.get('VM', vm);
          const ops = { ...(rec.current_operations as Record<string, string>) };
          delete ops[o.taskRef];
          const oc = { ...(rec.other_config as Record<string, string>) };
          delete oc.import_task;
          store.update('VM', vm, { current_operations: ops, other_config: oc });
          engine.refreshAllowedOperations('VM', vm);
        }
        for (const c of created) {
          if (c.cls !== 'VDI' || !store.has('VDI', c.ref)) continue;
          const sm = { ...(store.get('VDI', c.ref).sm_config as Record<string, string>) };
          delete sm.import_task;
          store.update('VDI', c.ref, { sm_config: sm });
        }
      },
    };
  } catch (e) {
    for (const c of [...created].reverse()) if (store.has(c.cls, c.ref)) store.destroy(c.cls, c.ref);
    throw e;
  }
}
