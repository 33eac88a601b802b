import type { Xapi, XapiRecord } from 'xen-api';
import type { IncomingRecord, ObjectMirror } from '../cache/object-mirror.js';
import { normalizeRecord } from '../cache/normalize-record.js';

/** Classes the mirror skips: volatile and not shown (xen-api fetches every class that has get_all_records). */
export const skippedTypes: ReadonlySet<string> = new Set(['session', 'user', 'data_source', 'secret', 'role', 'blob', 'subject', 'auth']);

function incoming(record: XapiRecord): IncomingRecord {
  return { ref: record.$ref, type: record.$type, fields: normalizeRecord(record.$type, record) };
}

/**
 * Feeds one xen-api client's object collection into the mirror. The first call replaces the pool's objects
 * with the client's complete initial fetch (so nothing stale survives a reconnect), then every collection
 * event is applied as it comes. Returns a function that stops the feed.
 */
export function feedMirror(poolId: string, client: Xapi, mirror: ObjectMirror): () => void {
  const refById = new Map<string, string>();
  const keep = (record: XapiRecord) => !skippedTypes.has(record.$type);
  const initial = Object.values(client.objects.all).filter(keep);
  for (const record of initial) refById.set(record.$id, record.$ref);
  mirror.replacePool(poolId, initial.map(incoming));

  const onUpsert = (objects: Record<string, XapiRecord>) => {
    const upserts: IncomingRecord[] = [];
    for (const record of Object.values(objects)) {
      if (!record || !keep(record)) continue;
      refById.set(record.$id, record.$ref);
      upserts.push(incoming(record));
    }
    mirror.apply(poolId, upserts);
  };
  const onRemove = (objects: Record<string, unknown>) => {
    const removals: string[] = [];
    for (const id of Object.keys(objects)) {
      const ref = refById.get(id);
      if (ref === undefined) continue;
      refById.delete(id);
      removals.push(ref);
    }
    mirror.apply(poolId, [], removals);
  };
  client.objects.on('add', onUpsert);
  client.objects.on('update', onUpsert);
  client.objects.on('remove', onRemove);
  return () => {
    client.objects.removeListener('add', onUpsert);
    client.objects.removeListener('update', onUpsert);
    client.objects.removeListener('remove', onRemove);
  };
}
