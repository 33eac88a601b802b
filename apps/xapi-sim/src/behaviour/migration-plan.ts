/**
 * What a storage migration (VM.migrate_send / VM.assert_can_migrate) is asked to do, read and checked on the source
 * pool as xapi_vm_migrate.ml does before it talks to the destination: the migrate_receive token, the copy and force
 * options, every disk of the VM mapped to a destination SR (VDI_NOT_IN_MAP), none with changed block tracking
 * (VDI_CBT_ENABLED), every VIF mapped to a network (VIF_NOT_IN_MAP, inferred from a VIF with the same MAC), and the
 * disks to copy: the VM's own, its snapshots' (a move only) and its suspend image.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { TOKEN_KEYS } from './host-migrate-receive.js';

/** The destination as a migrate_receive token describes it. */
export interface MigrationToken { host: string; session: string; masterUrl: string; xenopsUrl: string; smUrl: string }

/** One disk to carry: `destSr` is on the destination pool (or this one, within a pool). */
export interface DiskMove { vdi: string; destSr: string; size: number; kind: 'disk' | 'snapshot' | 'suspend' }

export interface MigrationPlan {
  vm: string;
  token: MigrationToken;
  copy: boolean;
  force: boolean;
  /** The destination host belongs to this pool. */
  intraPool: boolean;
  /** The VM has a domain (Running or Paused): its memory moves too. */
  live: boolean;
  /** The VM's own disks and their snapshots' (destination SR given or implied); suspend images are added later. */
  disks: DiskMove[];
  /** VIF → destination network, every VIF of the VM (and of its snapshots) included. */
  vifs: Map<string, string>;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;
const bool = (v: string | undefined): boolean => v !== undefined && v.toLowerCase() === 'true';

/** The token's fields; a missing key fails as xapi's List.assoc does. */
export function parseToken(dest: Record<string, string>): MigrationToken {
  const get = (key: string): string => {
    const v = dest[key];
    if (v === undefined) fail('INTERNAL_ERROR', `Not_found: the destination map has no ${key} (use host.migrate_receive)`);
    return v;
  };
  return { host: get(TOKEN_KEYS.host), session: get(TOKEN_KEYS.session), masterUrl: get(TOKEN_KEYS.master), xenopsUrl: get(TOKEN_KEYS.xenops), smUrl: get(TOKEN_KEYS.sm) };
}

/** The VDIs of a VM's disk VBDs (not CDs, not empty drives). */
export function vmDiskVdis(engine: Engine, vm: string): string[] {
  const { store } = engine;
  const out: string[] = [];
  for (const vbd of store.get('VM', vm).VBDs as string[]) {
    const b = store.row('VBD', vbd)?.record;
    if (!b || b.empty === true || b.type === 'CD') continue;
    const vdi = String(b.VDI);
    if (store.has('VDI', vdi) && !out.includes(vdi)) out.push(vdi);
  }
  return out;
}

/** xapi's infer_vif_map: each VIF is mapped, or shares its MAC with a mapped one. */
function inferVifMap(engine: Engine, vifs: string[], given: Record<string, string>): Map<string, string> {
  const { store } = engine;
  const out = new Map<string, string>();
  for (const vif of vifs) {
    const direct = given[vif];
    if (direct !== undefined) {
      out.set(vif, direct);
      continue;
    }
    const mac = store.get('VIF', vif).MAC;
    const similar = Object.keys(given).find((v) => store.row('VIF', v)?.record.MAC === mac);
    if (!similar) fail('VIF_NOT_IN_MAP', vif);
    out.set(vif, given[similar]!);
  }
  return out;
}

/** Reads and checks a migration request on the source pool (nothing asked of the destination yet). */
export function planMigration(
  ctx: CallContext, vm: string, dest: Record<string, string>, vdiMap: Record<string, string>, vifMap: Record<string, string>, options: Record<string, string>,
): MigrationPlan {
  const { engine } = ctx;
  const { store } = engine;
  const rec = store.get('VM', vm);
  const token = parseToken(dest);
  const copy = bool(options.copy);
  const force = bool(options.force);
  const own = vmDiskVdis(engine, vm);
  for (const vdi of own) if (vdiMap[vdi] === undefined) fail('VDI_NOT_IN_MAP', vdi);
  for (const vdi of own) if (store.get('VDI', vdi).cbt_enabled === true) fail('VDI_CBT_ENABLED', vdi);
  const intraPool = store.has('host', token.host);
  const live = rec.power_state === 'Running' || rec.power_state === 'Paused';
  if (intraPool && copy) fail('OPERATION_NOT_ALLOWED', 'Copy mode is disallowed on intra pool storage migration, try efficient alternatives e.g. VM.copy/clone.');
  if (intraPool && Object.keys(vifMap).length > 0) fail('OPERATION_NOT_ALLOWED', 'VIF mapping is not allowed for intra-pool migration');
  if (!intraPool && copy && !force && rec.power_state !== 'Halted') fail('VM_BAD_POWER_STATE', vm, 'halted', String(rec.power_state).toLowerCase());
  for (const vdi of own) if (store.get('VDI', vdi).on_boot === 'reset') fail('VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION');
  if (live && ((rec.attached_PCIs as string[] | undefined) ?? []).length > 0) fail('VM_HAS_PCI_ATTACHED', vm);

  const disks: DiskMove[] = own.map((vdi) => ({ vdi, destSr: vdiMap[vdi]!, size: num(store.get('VDI', vdi).virtual_size), kind: 'disk' }));
  const snapshots = copy || intraPool ? [] : (rec.snapshots as string[]).filter((s) => store.has('VM', s));
  for (const snap of snapshots) {
    for (const vdi of vmDiskVdis(engine, snap)) {
      if (disks.some((d) => d.vdi === vdi)) continue;
      const origin = String(store.get('VDI', vdi).snapshot_of);
      const destSr = vdiMap[vdi] ?? vdiMap[origin] ?? '';
      disks.push({ vdi, destSr, size: num(store.get('VDI', vdi).virtual_size), kind: 'snapshot' });
    }
  }
  const allVifs = [vm, ...snapshots].flatMap((v) => store.get('VM', v).VIFs as string[]).filter((v) => store.has('VIF', v));
  const vifs = intraPool ? new Map<string, string>() : inferVifMap(engine, allVifs, vifMap);
  return { vm, token, copy, force, intraPool, live, disks, vifs };
}

/** The suspend image of a suspended VM, when it has one. */
export function suspendVdiOf(engine: Engine, vm: string): string | undefined {
  const rec = engine.store.get('VM', vm);
  const vdi = String(rec.suspend_VDI);
  return rec.power_state === 'Suspended' && vdi !== NULL_REF && engine.store.has('VDI', vdi) ? vdi : undefined;
}
