/**
 * The `ova.xml` of a VM export (xapi export.ml): the XML-RPC value `{version, objects}` with every exported
 * object's full record, refs to exported objects rewritten to `Ref:N` and refs to anything else to OpaqueRef:NULL,
 * plus the list of disks to stream (non-CD VDIs outside ISO SRs), ordered by their `Ref:N` directory name.
 */
import type { Engine } from '../api/engine.js';
import type { DbRecord } from '../model/store.js';
import { NULL_REF, type XapiType } from '../model/type-grammar.js';
import { encodeXmlValue } from '../wire/xmlrpc-codec.js';

export interface ExportedDisk { prefix: string; vdiRef: string }
export interface OvaExport { xml: string; disks: ExportedDisk[]; objectCount: number }

interface Obj { cls: string; ref: string; id: string }

const isRef = (v: unknown): v is string => typeof v === 'string' && v.startsWith('OpaqueRef:') && v !== NULL_REF;

/** Rewrites refs inside a value of XAPI type `t` through `ids`; unexported refs become NULL (dropped from sets). */
function rewrite(v: unknown, t: XapiType, ids: Map<string, string>): unknown {
  switch (t.kind) {
    case 'ref': return typeof v === 'string' ? ids.get(v) ?? NULL_REF : v;
    case 'set':
      if (!Array.isArray(v)) return v;
      if (t.of.kind === 'ref') return v.filter((x) => typeof x === 'string' && ids.has(x)).map((x) => ids.get(x as string));
      return v.map((x) => rewrite(x, t.of, ids));
    case 'map': {
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const key = t.key.kind === 'ref' ? ids.get(k) : k;
        if (key === undefined) continue;
        out[key] = rewrite(x, t.value, ids);
      }
      return out;
    }
    default: return v;
  }
}

/** `xapi_major`/`xapi_minor` from the host's software_version (`xapi: "24.19"`). */
function xapiVersion(sv: Record<string, string>): [number, number] {
  const [maj = '1', min = '20'] = (sv.xapi ?? '1.20').split('.');
  return [Number(maj) || 1, Number(min) || 0];
}

/**
 * Builds the export description of VM `vmRef` as seen from host `hostRef`. `snapshots` adds the VM's snapshots
 * (with their devices and disks, still snapshots of it), as a migration's metadata export does.
 */
export function buildOvaExport(engine: Engine, vmRef: string, hostRef: string, opts: { preservePowerState?: boolean; snapshots?: boolean } = {}): OvaExport {
  const { store, schema } = engine;
  const objs: Obj[] = [];
  const ids = new Map<string, string>();
  const add = (cls: string, ref: unknown): void => {
    if (!isRef(ref) || ids.has(ref) || !store.has(cls, ref)) return;
    const id = `Ref:${objs.length}`;
    ids.set(ref, id);
    objs.push({ cls, ref, id });
  };
  const vm = store.get('VM', vmRef);
  add('VM', vmRef);
  add('host', vm.resident_on);
  add('host', vm.affinity);
  add('VM_metrics', vm.metrics);
  add('VM_guest_metrics', vm.guest_metrics);
  const vbds = (vm.VBDs as string[]).filter((r) => store.has('VBD', r));
  for (const vbd of vbds) add('VBD', vbd);
  for (const vif of vm.VIFs as string[]) add('VIF', vif);
  const snapshotVms = opts.snapshots ? (vm.snapshots as string[]).filter((r) => store.has('VM', r)) : [];
  for (const snap of snapshotVms) {
    const s = store.get('VM', snap);
    add('VM', snap);
    add('VM_metrics', s.metrics);
    for (const vbd of (s.VBDs as string[]).filter((r) => store.has('VBD', r))) add('VBD', vbd);
    for (const vif of s.VIFs as string[]) add('VIF', vif);
  }
  for (const vbd of vbds) add('VDI', store.get('VBD', vbd).VDI);
  for (const o of [...objs]) if (o.cls === 'VBD' && !vbds.includes(o.ref)) add('VDI', store.get('VBD', o.ref).VDI);
  if (opts.preservePowerState) add('VDI', vm.suspend_VDI);
  for (const o of [...objs]) if (o.cls === 'VDI') add('SR', store.get('VDI', o.ref).SR);
  for (const o of [...objs]) if (o.cls === 'VIF') add('network', store.get('VIF', o.ref).network);
  for (const vtpm of (vm.VTPMs as string[] | undefined) ?? []) add('VTPM', vtpm);

  const snapshotOf = (o: Obj): DbRecord => {
    const rec = store.get(o.cls, o.ref);
    const out: DbRecord = {};
    for (const f of schema.fields(o.cls)) if (f.name in rec) out[f.name] = rewrite(rec[f.name], f.parsed, ids);
    if ('current_operations' in out) out.current_operations = {};
    if ('allowed_operations' in out) out.allowed_operations = [];
    if (o.cls === 'VM' && o.ref !== vmRef) Object.assign(out, { consoles: [], crash_dumps: [], blobs: {}, protection_policy: NULL_REF, domid: -1 });
    if (o.cls === 'VM' && o.ref === vmRef) {
      Object.assign(out, {
        power_state: opts.preservePowerState ? rec.power_state : 'Halted',
        suspend_VDI: opts.preservePowerState ? out.suspend_VDI : NULL_REF,
        is_a_snapshot: false,
        snapshot_of: NULL_REF,
        snapshots: [],
        snapshot_time: new Date(0),
        transportable_snapshot_id: '',
        consoles: [],
        crash_dumps: [],
        blobs: {},
        protection_policy: NULL_REF,
        domid: -1,
      });
    }
    if (o.cls === 'VBD') Object.assign(out, { currently_attached: false });
    return out;
  };

  const host = store.row('host', hostRef)?.record ?? {};
  const sv = (host.software_version ?? {}) as Record<string, string>;
  const [major, minor] = xapiVersion(sv);
  const i4 = (n: number): string => `<value><i4>${n}</i4></value>`;
  const str = (s: string): string => encodeXmlValue(s, { kind: 'string' }, engine.recordTypes);
  const member = (name: string, value: string): string => `<member><name>${name}</name>${value}</member>`;
  const version = [
    member('hostname', str(String(host.hostname ?? host.name_label ?? 'localhost'))),
    member('date', str(sv.date ?? new Date().toISOString().slice(0, 10))),
    member('product_version', str(sv.product_version ?? '')),
    member('product_brand', str(sv.product_brand ?? '')),
    member('build_number', str(sv.build_number ?? '')),
    member('xapi_major', i4(major)),
    member('xapi_minor', i4(minor)),
    member('export_vsn', i4(2)),
  ].join('');
  const objects = objs
    .map((o) => `<value><struct>${member('class', str(o.cls))}${member('id', str(o.id))}${member('snapshot', encodeXmlValue(snapshotOf(o), { kind: 'record', cls: o.cls }, engine.recordTypes))}</struct></value>`)
    .join('');
  const xml = `<value><struct>${member('version', `<value><struct>${version}</struct></value>`)}${member('objects', `<value><array><data>${objects}</data></array></value>`)}</struct></value>`;

  const streamed = new Set<string>();
  for (const vbd of vbds) {
    const r = store.get('VBD', vbd);
    if (r.type === 'CD' || !isRef(r.VDI) || !store.has('VDI', r.VDI)) continue;
    const sr = store.row('SR', String(store.get('VDI', r.VDI).SR))?.record;
    if (sr?.content_type === 'iso') continue;
    streamed.add(r.VDI);
  }
  if (opts.preservePowerState && isRef(vm.suspend_VDI) && ids.has(vm.suspend_VDI)) streamed.add(vm.suspend_VDI);
  const disks = [...streamed].map((vdiRef) => ({ prefix: ids.get(vdiRef)!, vdiRef })).sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  return { xml, disks, objectCount: objs.length };
}
