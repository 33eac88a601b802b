import type { PoolState, PoolSummary } from '../../shared/api/pool-schema.js';
import type { XapiObject } from '../../shared/xapi/objects.js';
import type { ObjectIndex } from '../store/apply-delta.js';
import { objectsOfType } from '../store/mirror-read.js';
import { parseSelectionKey } from '../features/tree/tree-ui-store.js';
import type { CommandSelection } from './command.js';

/** Selection keys with the primary one first (the order commands and dialogs read them in). */
export function primaryFirst(selectedKey: string | null, selectedKeys: readonly string[]): string[] {
  if (selectedKey === null || !selectedKeys.includes(selectedKey)) return [...selectedKeys];
  return [selectedKey, ...selectedKeys.filter((key) => key !== selectedKey)];
}

/**
 * The mirrored objects behind selection keys, in key order. Grouping rows (`group:…`) and objects that are gone
 * resolve to nothing; a pool row resolves to its XAPI pool object while the pool is in the mirror.
 */
export function resolveSelectedObjects(keys: readonly string[], index: ObjectIndex): XapiObject[] {
  const objects: XapiObject[] = [];
  for (const key of keys) {
    const parsed = parseSelectionKey(key);
    if (!parsed || parsed.kind === 'group') continue;
    const object = parsed.kind === 'pool' ? objectsOfType(index, 'pool', parsed.id)[0] : index.objects.get(parsed.id);
    if (object) objects.push(object);
  }
  return objects;
}

/** Every known pool's connection state. */
export function poolStatesOf(pools: ReadonlyMap<string, Pick<PoolSummary, 'state'>>): Map<string, PoolState> {
  return new Map([...pools].map(([poolId, pool]) => [poolId, pool.state]));
}

/** Builds what commands see from the selection keys, the resolved objects and the pools. */
export function makeCommandSelection(
  keys: readonly string[],
  objects: readonly XapiObject[],
  poolStates: ReadonlyMap<string, PoolState>,
): CommandSelection {
  const primary = parseSelectionKey(keys[0] ?? null);
  const poolId = primary?.kind === 'pool' ? primary.id : (objects[0]?.$pool ?? null);
  return { keys, objects, poolId, poolStates };
}
