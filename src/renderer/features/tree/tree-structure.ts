import type { XapiObject } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';

/** What the tree shows under one pool: ids only, so rows select their own objects. */
export interface PoolBranch {
  /** The XAPI `pool` object of this Xenith pool, once mirrored. */
  readonly poolObjectId: string | null;
  readonly masterId: string | null;
  /** Hosts by name. */
  readonly hostIds: readonly string[];
  /** Running and paused VMs by the host they are resident on, by name. */
  readonly vmIdsByHost: ReadonlyMap<string, readonly string[]>;
  /** VMs on no host (halted, suspended), shown under the pool, by name. */
  readonly poolVmIds: readonly string[];
}

const emptyIds: readonly string[] = [];
export const emptyBranch: PoolBranch = { poolObjectId: null, masterId: null, hostIds: emptyIds, vmIdsByHost: new Map(), poolVmIds: emptyIds };

/** VMs a person manages: not templates, snapshots or control domains (dom0). */
export function isUserVm(vm: XapiObject): boolean {
  return vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true;
}

/** Whether a VM sits on a host (XAPI keeps resident_on for running and paused VMs). */
function isOnHost(vm: XapiObject): boolean {
  return vm.power_state === 'Running' || vm.power_state === 'Paused';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders ids by their objects' name_label, naturally (vm-2 before vm-10), then by id for a stable order. */
function byName(objects: ReadonlyMap<string, XapiObject>): (a: string, b: string) => number {
  const name = (id: string) => String(objects.get(id)?.name_label ?? '');
  return (a, b) => collator.compare(name(a), name(b)) || (a < b ? -1 : a > b ? 1 : 0);
}

interface MutableBranch {
  poolObjectId: string | null;
  masterId: string | null;
  hostIds: string[];
  vmIdsByHost: Map<string, string[]>;
  poolVmIds: string[];
}

/** Groups the mirror into pool → hosts → resident VMs, and pool → VMs on no host. */
export function buildTreeStructure(index: ObjectIndex): ReadonlyMap<string, PoolBranch> {
  const { objects, idsByType } = index;
  const branches = new Map<string, MutableBranch>();
  const branch = (poolId: string) => {
    let found = branches.get(poolId);
    if (!found) branches.set(poolId, (found = { poolObjectId: null, masterId: null, hostIds: [], vmIdsByHost: new Map(), poolVmIds: [] }));
    return found;
  };
  for (const id of idsByType.get('pool') ?? emptyIds) {
    const pool = objects.get(id)!;
    const target = branch(pool.$pool);
    target.poolObjectId = id;
    target.masterId = typeof pool.master === 'string' && objects.has(pool.master) ? pool.master : null;
  }
  for (const id of idsByType.get('host') ?? emptyIds) {
    const host = objects.get(id)!;
    const target = branch(host.$pool);
    target.hostIds.push(id);
    target.vmIdsByHost.set(id, []);
  }
  for (const id of idsByType.get('VM') ?? emptyIds) {
    const vm = objects.get(id)!;
    if (!isUserVm(vm)) continue;
    const target = branch(vm.$pool);
    const onHost = isOnHost(vm) && typeof vm.resident_on === 'string' ? target.vmIdsByHost.get(vm.resident_on) : undefined;
    if (onHost) onHost.push(id);
    else target.poolVmIds.push(id);
  }
  const order = byName(objects);
  for (const target of branches.values()) {
    target.hostIds.sort(order);
    target.poolVmIds.sort(order);
    for (const ids of target.vmIdsByHost.values()) ids.sort(order);
  }
  return branches;
}

/** The fields the tree's shape depends on, per class: a change to any other field cannot move a row. */
const shapeFields: Readonly<Record<string, readonly string[]>> = {
  pool: ['master'],
  host: ['name_label'],
  VM: ['name_label', 'power_state', 'resident_on', 'is_a_template', 'is_a_snapshot', 'is_control_domain'],
};
const shapeTypes = Object.keys(shapeFields);

/** Whether the tree's shape can differ between two store states (metrics and other fields do not count). */
export function shapeChanged(before: ObjectIndex, after: ObjectIndex): boolean {
  for (const type of shapeTypes) {
    const ids = after.idsByType.get(type) ?? emptyIds;
    if (ids !== (before.idsByType.get(type) ?? emptyIds)) return true;
    const fields = shapeFields[type]!;
    for (const id of ids) {
      const now = after.objects.get(id);
      const then = before.objects.get(id);
      if (now === then) continue;
      if (!now || !then || fields.some((field) => now[field] !== then[field])) return true;
    }
  }
  return false;
}

let lastIndex: ObjectIndex | null = null;
let lastStructure: ReadonlyMap<string, PoolBranch> = new Map();

/**
 * The tree structure of the current store state, shared by every row that asks (rows select their slice of
 * it with `useShallow`, so a row re-renders only when its own children change). It is rebuilt only when a
 * field it depends on changed: a burst of metrics updates costs an identity scan, not a sort.
 */
export function selectTreeStructure(index: ObjectIndex): ReadonlyMap<string, PoolBranch> {
  if (lastIndex !== null && lastIndex.objects === index.objects && lastIndex.idsByType === index.idsByType) return lastStructure;
  if (lastIndex === null || shapeChanged(lastIndex, index)) lastStructure = buildTreeStructure(index);
  lastIndex = { objects: index.objects, idsByType: index.idsByType };
  return lastStructure;
}
