import type { HostUpdates, PoolUpdates } from '../../shared/api/update-schema.js';
import { poolClient, type ActionDeps } from '../actions/action-context.js';
import { describeJobError } from '../actions/action-context.js';
import { ApiFailure } from '../api/failure.js';
import { cdnUpdatesFor, fetchCdnListing } from './cdn-updates.js';
import { hostsInOrder, poolForUpdates } from './pool-update-family.js';
import { isUpdaterBusy, listXcpUpdates, updaterFailure, type BusyRetry } from './updater-plugin.js';
import { catalogueUpdatesFor, fetchCatalogue, xenServerCatalogueUrl } from './xenserver-catalogue.js';

export interface ListingOptions {
  hostIds?: readonly string[] | undefined;
  /** XenServer ≤ 8.3: the catalogue to read (the vendor's by default). */
  catalogueUrl?: string | undefined;
  busyRetry?: BusyRetry | undefined;
}

/**
 * What each host of a pool can install: XCP-ng asks every host's updater plugin (`check_update`, then
 * `query_installed` for what is there now; a plugin still busy after its retries shows as "busy"), XenServer reads
 * the vendor's catalogue against each host's version and applied updates, XenServer 8.4 reads the master's
 * `/updates` as of the last sync.
 */
export async function listPoolUpdates(deps: ActionDeps, poolId: string, options: ListingOptions = {}): Promise<PoolUpdates> {
  const facts = poolForUpdates(deps.mirror, poolId);
  const hosts = hostsInOrder(facts, options.hostIds);
  const client = poolClient(deps.pools, poolId);
  const describe = describeJobError(deps.mirror);
  const failed = (hostId: string, error: unknown): HostUpdates => ({ hostId, status: 'error', message: describe(error, poolId).message, updates: [] });

  switch (facts.family) {
    case 'xcp-ng': {
      const listed = await Promise.all(hosts.map(async (host): Promise<HostUpdates> => {
        try {
          return { hostId: host.$id, status: 'ok', message: null, updates: await listXcpUpdates(client, host.$id, options.busyRetry) };
        } catch (error) {
          if (isUpdaterBusy(error)) return { hostId: host.$id, status: 'busy', message: (updaterFailure(error, host.name_label) as Error).message, updates: [] };
          return failed(host.$id, updaterFailure(error, host.name_label));
        }
      }));
      return { poolId, family: facts.family, hosts: listed, hash: null };
    }
    case 'xenserver': {
      const catalogue = await fetchCatalogue(options.catalogueUrl ?? xenServerCatalogueUrl);
      const listed = hosts.map((host): HostUpdates => {
        const applied = new Set(host.updates.map((ref) => deps.mirror.get(ref, 'pool_update')?.uuid).filter((uuid): uuid is string => typeof uuid === 'string'));
        return { hostId: host.$id, status: 'ok', message: null, updates: catalogueUpdatesFor(catalogue, host.software_version.product_version ?? '', applied) };
      });
      return { poolId, family: facts.family, hosts: listed, hash: null };
    }
    case 'cdn': {
      const master = deps.pools.connection(poolId).master;
      if (!master) throw new ApiFailure('POOL_NOT_CONNECTED', 'The pool is not connected. Connect it and try again.', { poolId });
      const listing = await fetchCdnListing(client, master);
      if (!listing) {
        const message = 'The pool has not synchronised with the update CDN yet. Synchronise first (the Select Update page does it).';
        return { poolId, family: facts.family, hosts: hosts.map((host) => ({ hostId: host.$id, status: 'error', message, updates: [] })), hash: null };
      }
      return { poolId, family: facts.family, hosts: hosts.map((host) => ({ hostId: host.$id, status: 'ok', message: null, updates: cdnUpdatesFor(listing, host.$id) })), hash: listing.hash };
    }
  }
}
