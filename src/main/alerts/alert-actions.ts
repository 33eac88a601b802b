import type { AlarmSettings } from '../../shared/api/methods/alerts.js';
import { XenithErrorCode } from '../../shared/api/errors.js';
import { perfmonXml } from '../../shared/xapi/perfmon-alarms.js';
import { ApiFailure } from '../api/failure.js';
import { callNow, type ActionDeps } from '../actions/action-context.js';

/**
 * Dismisses alerts on their pools, as XenCenter's Dismiss does: `message.destroy` for one, `destroy_many` for
 * several of one pool. Alerts already gone count as dismissed; ids that are not alerts are refused.
 */
export async function dismissAlerts(deps: ActionDeps, alertIds: readonly string[]): Promise<number> {
  const byPool = new Map<string, string[]>();
  for (const id of new Set(alertIds)) {
    const message = deps.mirror.object(id);
    if (!message) continue;
    if (message.$type !== 'message') throw new ApiFailure(XenithErrorCode.validation, `${id} is not an alert.`, { params: [id] });
    byPool.set(message.$pool, [...(byPool.get(message.$pool) ?? []), id]);
  }
  let dismissed = 0;
  for (const [poolId, refs] of byPool) {
    await callNow(deps, poolId, async (client) => {
      if (refs.length === 1) await client.call('message.destroy', refs[0]);
      else await client.call('message.destroy_many', refs);
    });
    dismissed += refs.length;
  }
  return dismissed;
}

/** Writes a VM's or host's perfmon alarms (`other_config:perfmon`), or removes the key when none is on. */
export async function setAlarms(deps: ActionDeps, objectId: string, alarms: AlarmSettings): Promise<void> {
  const object = deps.mirror.object(objectId);
  if (object?.$type !== 'VM' && object?.$type !== 'host') {
    throw new ApiFailure(XenithErrorCode.notFound, `There is no VM or server ${objectId} in a connected pool.`, { params: [objectId] });
  }
  const xml = perfmonXml(object.$type, alarms);
  await callNow(deps, object.$pool, async (client) => {
    if ('perfmon' in object.other_config) await client.call(`${object.$type}.remove_from_other_config`, objectId, 'perfmon');
    if (xml !== null) await client.call(`${object.$type}.add_to_other_config`, objectId, 'perfmon', xml);
  });
}
