import { request } from 'undici';
import type { AvailableUpdate } from '../../shared/api/update-schema.js';
import { elementAttributes } from '../../shared/util/xml-attributes.js';
import { ApiFailure } from '../api/failure.js';
import { webDispatcher } from './web-download.js';

/** Where XenServer's (and Citrix Hypervisor's) update catalogue lives; the simulator's update source stands in for it in tests. */
export const xenServerCatalogueUrl = 'https://updates.ops.xenserver.com/xenserver/updates.xml';

/** One update of the vendor's catalogue (updates.xml `<patch>`). */
export interface CatalogueUpdate {
  uuid: string;
  name: string;
  description: string;
  version: string;
  /** The zip to download. */
  url: string;
  /** The advisory page. */
  infoUrl: string;
  downloadSize: number | null;
  installationSize: number | null;
  timestamp: string | null;
  guidance: string[];
  requires: string[];
  conflicts: string[];
  /** Product versions (`8.2.1`) that list it. */
  productVersions: string[];
}

const numberOrNull = (value: string | undefined): number | null => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : null;
};

/**
 * Reads updates.xml: the `<patch>` elements under `<patches>` (each with its conflicting and required patches) and
 * the product versions that list them (`<version value=…>` with `<patch uuid=…/>` children, under `<products>` or
 * `<serverversions>`, whichever the file has).
 */
export function parseUpdatesXml(xml: string): CatalogueUpdate[] {
  const versionsOf = new Map<string, string[]>();
  for (const block of xml.matchAll(/<version\b([^>]*)>([\s\S]*?)<\/version>/g)) {
    const value = elementAttributes(`<version${block[1]!}>`, 'version')[0]?.value;
    if (!value) continue;
    for (const ref of elementAttributes(block[2]!, 'patch')) {
      if (!ref.uuid) continue;
      versionsOf.set(ref.uuid, [...new Set([...(versionsOf.get(ref.uuid) ?? []), value])]);
    }
  }
  const patchesSection = /<patches\b[^>]*>([\s\S]*?)<\/patches>/.exec(xml)?.[1] ?? '';
  const updates: CatalogueUpdate[] = [];
  for (const block of patchesSection.matchAll(/<patch\b([^>]*?)(?:\/>|>([\s\S]*?)<\/patch>)/g)) {
    const a = elementAttributes(`<patch${block[1]!}>`, 'patch')[0] ?? {};
    if (!a.uuid || !a['name-label']) continue;
    const inner = block[2] ?? '';
    updates.push({
      uuid: a.uuid,
      name: a['name-label'],
      description: a['name-description'] ?? '',
      version: a.version ?? '',
      url: a.url ?? '',
      infoUrl: a['patch-url'] ?? '',
      downloadSize: numberOrNull(a['download-size']),
      installationSize: numberOrNull(a['installation-size']),
      timestamp: a.timestamp || null,
      guidance: (a['after-apply-guidance'] ?? '').split(',').map((g) => g.trim()).filter(Boolean),
      requires: elementAttributes(inner, 'requiredpatch').map((r) => r.uuid ?? '').filter(Boolean),
      conflicts: elementAttributes(inner, 'conflictingpatch').map((r) => r.uuid ?? '').filter(Boolean),
      productVersions: versionsOf.get(a.uuid) ?? [],
    });
  }
  return updates;
}

/** Downloads and reads the catalogue. */
export async function fetchCatalogue(url: string): Promise<CatalogueUpdate[]> {
  let response;
  try {
    response = await request(url, { method: 'GET', signal: AbortSignal.timeout(60_000), headers: { accept: 'text/xml, application/xml' }, dispatcher: webDispatcher });
  } catch (error) {
    throw new ApiFailure('UPDATE_CATALOGUE_UNREACHABLE', `Could not download the update catalogue from ${url}: ${(error as Error).message}`, { params: [url] });
  }
  const body = await response.body.text();
  if (response.statusCode !== 200) throw new ApiFailure('UPDATE_CATALOGUE_UNREACHABLE', `The update catalogue at ${url} answered HTTP ${response.statusCode}.`, { params: [url, String(response.statusCode)] });
  return parseUpdatesXml(body);
}

/** The catalogue's updates for a host of `productVersion` that it has not applied (by uuid), as the listing shows them. */
export function catalogueUpdatesFor(catalogue: readonly CatalogueUpdate[], productVersion: string, appliedUuids: ReadonlySet<string>): AvailableUpdate[] {
  return catalogue
    .filter((u) => !appliedUuids.has(u.uuid) && (u.productVersions.length === 0 || u.productVersions.includes(productVersion)))
    .map((u) => ({
      id: u.uuid,
      name: u.name,
      version: u.version,
      installed: null,
      description: u.description,
      size: u.downloadSize,
      date: u.timestamp,
      rebootNeeded: u.guidance.includes('restartHost'),
      guidance: u.guidance,
      url: u.url || null,
      severity: null,
    }));
}
