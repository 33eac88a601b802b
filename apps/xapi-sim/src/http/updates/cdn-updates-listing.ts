/**
 * `GET /updates[?host_refs=<ref>,<ref>]` on the master (xapi_pool.ml get_updates_handler, repository.ml
 * get_pool_updates_in_json): what the last `pool.sync_updates` brought that each host has not applied yet, as JSON
 * `{hosts: [{ref, guidance: {mandatory, recommended, full, livepatch}, RPMS, updates, livepatches}], updates: [{id,
 * summary, description, special-info, URL, type, issued, severity, livepatches, guidance, title}], hash}`.
 * Authenticated like every handler (session_id or HTTP Basic). Before any sync the pool has nothing to list: 500
 * with GET_UPDATES_FAILED (NO_REPOSITORY_ENABLED without an update repository).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../api/engine.js';
import { toXapiError } from '../../api/dispatcher.js';
import { XapiError } from '../../model/xapi-error.js';
import { cdnCatalogue, mergeGuidance } from '../../updates/cdn-catalogue.js';
import { authenticate, queryOf } from '../http-context.js';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' });
  res.end(body);
}

/** The listing for `hosts`, or the XAPI error the handler answers with. */
export function cdnUpdatesListing(engine: Engine, hosts: readonly string[]): Record<string, unknown> {
  const { store } = engine;
  const repos = (store.get('pool', engine.poolRef()).repositories as string[] | undefined) ?? [];
  if (!repos.some((r) => store.row('Repository', r)?.record.update === true)) throw new XapiError('NO_REPOSITORY_ENABLED', []);
  const catalogue = cdnCatalogue(engine);
  if (!catalogue.synced) throw new XapiError('GET_UPDATES_FAILED', []);
  const ids = new Set<string>();
  const hostEntries = hosts.map((ref) => {
    const pending = catalogue.pendingFor(ref);
    for (const u of pending) ids.add(u.id);
    return { ref, guidance: { ...mergeGuidance(pending), livepatch: [] }, RPMS: [...new Set(pending.flatMap((u) => u.rpms))].sort(), updates: pending.map((u) => u.id), livepatches: [] };
  });
  const updates = catalogue.synced.updates.filter((u) => ids.has(u.id)).map((u) => ({
    id: u.id, summary: u.summary, description: u.description, 'special-info': '', URL: u.URL, type: u.type, issued: u.issued,
    severity: u.severity, livepatches: [], guidance: u.guidance, title: u.title,
  }));
  return { hosts: hostEntries, updates, hash: catalogue.synced.hash };
}

export async function handleCdnUpdatesListing(req: IncomingMessage, res: ServerResponse, ctx: { engine: Engine; hostRef: string }): Promise<void> {
  const { engine, hostRef } = ctx;
  req.resume();
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
  if (hostRef !== engine.masterRef) return send(res, 404, 'text/plain', 'not found');
  let session;
  try {
    session = authenticate(engine, req, hostRef);
  } catch (e) {
    return send(res, 401, 'text/plain', toXapiError(e).description.join(' '));
  }
  try {
    const asked = queryOf(req).get('host_refs');
    const hosts = asked ? asked.split(',').filter((h) => h !== '') : engine.store.refs('host');
    for (const h of hosts) engine.store.get('host', h);
    send(res, 200, 'application/json', JSON.stringify(cdnUpdatesListing(engine, hosts)));
  } catch (e) {
    send(res, 500, 'text/plain', toXapiError(e).description.join(' '));
  } finally {
    session.release();
  }
}
