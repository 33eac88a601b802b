import { graphLayoutKey, type GraphSpec } from '../../shared/api/stats-schema.js';
import { XenithErrorCode } from '../../shared/api/errors.js';
import { ApiFailure } from '../api/failure.js';
import { callNow, type ActionDeps } from '../actions/action-context.js';

/**
 * Saves an object's Performance tab graphs in its pool's `gui_config` (as XenCenter keeps graph layouts in the
 * pool), so every admin of the pool, in any client, sees the same graphs; null removes them (the defaults show).
 */
export async function saveGraphLayout(deps: ActionDeps, objectId: string, graphs: readonly GraphSpec[] | null): Promise<void> {
  const object = deps.mirror.object(objectId);
  if (!object || (object.$type !== 'VM' && object.$type !== 'host' && object.$type !== 'pool') || typeof object.uuid !== 'string') {
    throw new ApiFailure(XenithErrorCode.notFound, `There is no VM, server or pool ${objectId} in a connected pool.`, { params: [objectId] });
  }
  const [pool] = deps.mirror.ofType('pool', object.$pool);
  if (!pool) throw new ApiFailure(XenithErrorCode.notFound, 'The pool of that object is not connected.', { params: [object.$pool] });
  const key = graphLayoutKey(object.uuid);
  const current = (pool.gui_config ?? {}) as Record<string, unknown>;
  await callNow(deps, object.$pool, async (client) => {
    if (key in current) await client.call('pool.remove_from_gui_config', pool.$id, key);
    if (graphs !== null) await client.call('pool.add_to_gui_config', pool.$id, key, JSON.stringify(graphs));
  });
}
