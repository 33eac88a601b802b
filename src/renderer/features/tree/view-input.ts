import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { NameOrder } from './name-order.js';
import { isHiddenObject } from './object-kinds.js';

/** A Xenith pool as the tree needs it, in the pools store's order. */
export interface PoolEntry {
  readonly poolId: string;
  readonly label: string;
  readonly address: string;
}

/** Everything a view builder reads: the mirror, the pools, the objects of each class in name order. */
export interface ViewInput {
  readonly index: ObjectIndex;
  readonly pools: readonly PoolEntry[];
  readonly showDefaultTemplates: boolean;
  /** The visible (not hidden) objects of a class, sorted by name. */
  sorted<C extends SortedClass>(type: C): readonly XapiRecord<C>[];
  /** The XAPI `pool` object of a Xenith pool, once mirrored. */
  poolObject(poolId: string): XapiRecord<'pool'> | undefined;
  /**
   * What a pool row is called: the pool's own name, else its master's (as XenCenter names a pool without one); the
   * saved label (the name last seen) or the address only until the pool is mirrored.
   */
  poolName(pool: PoolEntry): string;
}

type SortedClass = 'VM' | 'host' | 'SR' | 'network';

const orders: Record<SortedClass, NameOrder> = { VM: new NameOrder(), host: new NameOrder(), SR: new NameOrder(), network: new NameOrder() };
const noIds: readonly string[] = [];

/** Builds the inputs of one view build; name orders are cached across builds (see NameOrder). */
export function viewInput(index: ObjectIndex, pools: readonly PoolEntry[], showDefaultTemplates: boolean): ViewInput {
  const poolObjects = new Map<string, XapiRecord<'pool'>>();
  for (const id of index.idsByType.get('pool') ?? noIds) {
    const pool = index.objects.get(id) as XapiRecord<'pool'> | undefined;
    if (pool) poolObjects.set(pool.$pool, pool);
  }
  return {
    index,
    pools,
    showDefaultTemplates,
    sorted: <C extends SortedClass>(type: C) => {
      const ids = orders[type].sorted(index.idsByType.get(type) ?? noIds, index.objects);
      const objects: XapiRecord<C>[] = [];
      for (const id of ids) {
        // idsByType lists only objects of that class.
        const object = index.objects.get(id) as XapiRecord<C> | undefined;
        if (object && !isHiddenObject(object)) objects.push(object);
      }
      return objects;
    },
    poolObject: (poolId) => poolObjects.get(poolId),
    poolName: (pool) => {
      const object = poolObjects.get(pool.poolId);
      const master = object ? (index.objects.get(object.master) as XapiRecord<'host'> | undefined) : undefined;
      return object?.name_label || master?.name_label || pool.label || pool.address;
    },
  };
}
