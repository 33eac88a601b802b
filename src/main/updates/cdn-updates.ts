import type { Xapi } from 'xen-api';
import { z } from 'zod';
import type { AvailableUpdate } from '../../shared/api/update-schema.js';
import { ApiFailure } from '../api/failure.js';
import { stringInTaskResult, type JobXapi, type ProgressSpan } from '../jobs/job-xapi.js';
import { getHostText } from '../pools/host-resource.js';
import type { ServerEndpoint } from '../pools/server-address.js';

const guidanceSchema = z.object({ mandatory: z.array(z.string()).default([]), recommended: z.array(z.string()).default([]), full: z.array(z.string()).default([]) }).partial();

/** The master's `GET /updates` answer (XenServer 8.4, repository.ml get_pool_updates_in_json), the parts Xenith reads. */
export const cdnListingSchema = z.object({
  hosts: z.array(z.object({ ref: z.string(), guidance: guidanceSchema.catchall(z.unknown()).default({}), RPMS: z.array(z.string()).default([]), updates: z.array(z.string()).default([]) })),
  updates: z.array(
    z.object({
      id: z.string(),
      summary: z.string().default(''),
      description: z.string().default(''),
      URL: z.string().default(''),
      type: z.string().default(''),
      issued: z.string().default(''),
      severity: z.string().default(''),
      guidance: guidanceSchema.catchall(z.unknown()).default({}),
      title: z.string().default(''),
    }),
  ),
  hash: z.string(),
});
export type CdnListing = z.infer<typeof cdnListingSchema>;

/** Guidance names of the listing (updateinfo's) that mean a host reboot. */
const rebootGuidance = new Set(['RebootHost', 'reboot_host']);

/** "20240926T08:30:08Z" → "2024-09-26T08:30:08Z". */
function isoDate(issued: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2}:\d{2}:\d{2})Z?$/.exec(issued);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}Z` : issued || null;
}

/**
 * The master's listing of what the last sync brought each host. Before any sync XAPI has nothing to list
 * (GET_UPDATES_FAILED; NO_REPOSITORY_ENABLED when no update repository is enabled): null, so the caller can say
 * "synchronise first".
 */
export async function fetchCdnListing(client: Xapi, master: ServerEndpoint): Promise<CdnListing | null> {
  let text: string;
  try {
    text = await getHostText(client, master, '/updates', {});
  } catch (error) {
    if (/answered 500/.test((error as Error).message)) return null;
    throw new ApiFailure('GET_UPDATES_FAILED', `The pool could not list its updates: ${(error as Error).message}`);
  }
  return cdnListingSchema.parse(JSON.parse(text));
}

/** One host's updates from the listing. */
export function cdnUpdatesFor(listing: CdnListing, hostRef: string): AvailableUpdate[] {
  const host = listing.hosts.find((h) => h.ref === hostRef);
  if (!host) return [];
  const byId = new Map(listing.updates.map((u) => [u.id, u]));
  return host.updates.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    const guidance = [...new Set([...(u.guidance.mandatory ?? []), ...(u.guidance.recommended ?? []), ...(u.guidance.full ?? [])])];
    return [{
      id: u.id,
      name: u.id,
      version: '',
      installed: null,
      description: [u.summary, u.description].filter(Boolean).join('\n'),
      size: null,
      date: isoDate(u.issued),
      rebootNeeded: (u.guidance.mandatory ?? []).some((g) => rebootGuidance.has(g)),
      guidance,
      url: u.URL && u.URL !== 'None' ? u.URL : null,
      severity: u.severity || null,
    }];
  });
}

/**
 * pool.sync_updates: the pool copies what the CDN publishes; answers the hash host.apply_updates takes. Newer
 * XAPIs take a remote pool's username and password too; older 8.4 builds only the token pair.
 */
export async function syncCdnUpdates(xapi: JobXapi, poolRef: string, span: ProgressSpan = [0, 1]): Promise<string> {
  try {
    return stringInTaskResult(await xapi.task('pool.sync_updates', [poolRef, false, '', '', '', ''], span));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'MESSAGE_PARAMETER_COUNT_MISMATCH') throw error;
    return stringInTaskResult(await xapi.task('pool.sync_updates', [poolRef, false, '', ''], span));
  }
}
