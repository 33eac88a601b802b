import type { AvailableUpdate, PoolUpdates, UpdateMode, UpdatePrecheckResult, UpdateSelection } from '../../../shared/api/update-schema.js';

/** XenCenter's Install Update wizard, step by step. */
export const installUpdateSteps = ['beforeYouStart', 'selectUpdate', 'selectServers', 'upload', 'prechecks', 'updateMode', 'install'] as const;
export type InstallUpdateStep = (typeof installUpdateSteps)[number];

export const installUpdateStepTitles: Record<InstallUpdateStep, string> = {
  beforeYouStart: 'Before You Start',
  selectUpdate: 'Select Update',
  selectServers: 'Select Servers',
  upload: 'Upload',
  prechecks: 'Prechecks',
  updateMode: 'Update Mode',
  install: 'Install',
};

/** What the person chose so far, and what the pool answered. */
export interface InstallUpdateChoices {
  poolId: string | null;
  /** The last `updates.list` answer (null while asking). */
  listing: PoolUpdates | null;
  /** XenServer: the catalogue to read. */
  catalogueUrl: string;
  /** XCP-ng: the packages chosen (every one listed, by default). */
  packages: readonly string[];
  /** XenServer: the catalogue update chosen (its uuid). */
  catalogueUpdateId: string | null;
  hostIds: readonly string[];
  /** XenServer: the pool_update once uploaded. */
  poolUpdateId: string | null;
  prechecks: UpdatePrecheckResult | null;
  disableHa: boolean;
  mode: UpdateMode;
}

export function emptyInstallChoices(poolId: string | null, catalogueUrl: string): InstallUpdateChoices {
  return { poolId, listing: null, catalogueUrl, packages: [], catalogueUpdateId: null, hostIds: [], poolUpdateId: null, prechecks: null, disableHa: false, mode: 'automatic' };
}

/** The updates listed across the servers, once each (by id), with how many servers can take it. */
export function distinctUpdates(listing: PoolUpdates | null): { update: AvailableUpdate; servers: number }[] {
  const byId = new Map<string, { update: AvailableUpdate; servers: number }>();
  for (const host of listing?.hosts ?? []) {
    for (const update of host.updates) {
      const seen = byId.get(update.id);
      if (seen) seen.servers++;
      else byId.set(update.id, { update, servers: 1 });
    }
  }
  return [...byId.values()].sort((a, b) => a.update.name.localeCompare(b.update.name));
}

/** Whether a server has something chosen to install. */
export function serverHasChosen(choices: InstallUpdateChoices, hostId: string): boolean {
  const host = choices.listing?.hosts.find((h) => h.hostId === hostId);
  if (!host) return false;
  switch (choices.listing?.family) {
    case 'xcp-ng':
      return host.updates.some((u) => choices.packages.includes(u.id));
    case 'xenserver':
      return host.updates.some((u) => u.id === choices.catalogueUpdateId);
    default:
      return host.updates.length > 0;
  }
}

/** The choices once a listing arrives: every update and every server that has one, chosen. */
export function withListing(choices: InstallUpdateChoices, listing: PoolUpdates): InstallUpdateChoices {
  const all = distinctUpdates(listing);
  const next: InstallUpdateChoices = {
    ...choices,
    listing,
    packages: listing.family === 'xcp-ng' ? all.map((entry) => entry.update.id) : [],
    catalogueUpdateId: listing.family === 'xenserver' ? (all.find((entry) => entry.update.id === choices.catalogueUpdateId)?.update.id ?? all[0]?.update.id ?? null) : null,
    prechecks: null,
  };
  return { ...next, hostIds: listing.hosts.map((h) => h.hostId).filter((id) => serverHasChosen(next, id)) };
}

/** The catalogue update chosen (XenServer). */
export function chosenCatalogueUpdate(choices: InstallUpdateChoices): AvailableUpdate | null {
  return distinctUpdates(choices.listing).find((entry) => entry.update.id === choices.catalogueUpdateId)?.update ?? null;
}

/** What `updates.install` and `updates.precheck` take, once the choices allow one. */
export function selectionOf(choices: InstallUpdateChoices): UpdateSelection | null {
  switch (choices.listing?.family) {
    case 'xcp-ng': {
      const all = distinctUpdates(choices.listing).map((entry) => entry.update.id);
      // Everything listed is "every update": yum then takes whatever is newest, as XCP-ng recommends.
      return { family: 'xcp-ng', packages: all.every((id) => choices.packages.includes(id)) ? [] : [...choices.packages] };
    }
    case 'xenserver':
      return choices.poolUpdateId ? { family: 'xenserver', poolUpdateId: choices.poolUpdateId } : null;
    case 'cdn':
      return choices.listing.hash ? { family: 'cdn', hash: choices.listing.hash } : null;
    default:
      return null;
  }
}

/** Checks whose failure forbids any install (the update itself, a server down). */
const blocking = (id: string): boolean => id.startsWith('update:') || id.startsWith('live:');

/** Why the rolling (automatic) mode cannot run, or null. */
export function rollingProblem(choices: InstallUpdateChoices): string | null {
  const failed = choices.prechecks?.checks.filter((check) => check.status === 'failed' && !blocking(check.id)) ?? [];
  return failed.length > 0 ? `The rolling update cannot run: ${failed[0]!.message}` : null;
}

/** Why Next is disabled on `step`, or null. */
export function stepProblem(choices: InstallUpdateChoices, step: InstallUpdateStep): string | null {
  const family = choices.listing?.family;
  switch (step) {
    case 'beforeYouStart':
      return choices.poolId ? null : 'Connect to a pool first';
    case 'selectUpdate': {
      if (!choices.listing) return 'Waiting for the list of updates';
      if (family === 'cdn' && !choices.listing.hash) return 'Synchronize with the update CDN first';
      if (distinctUpdates(choices.listing).length === 0) return 'Every server is up to date';
      if (family === 'xcp-ng' && choices.packages.length === 0) return 'Choose at least one update';
      if (family === 'xenserver' && !choices.catalogueUpdateId) return 'Choose an update';
      return null;
    }
    case 'selectServers':
      return choices.hostIds.length === 0 ? 'Choose at least one server' : null;
    case 'upload':
      return family === 'xenserver' && !choices.poolUpdateId ? 'Upload the update first' : null;
    case 'prechecks': {
      if (!choices.prechecks) return 'Waiting for the prechecks';
      const failed = choices.prechecks.checks.find((check) => check.status === 'failed' && blocking(check.id));
      return failed ? 'A precheck failed: fix it, or leave that server out' : null;
    }
    case 'updateMode':
      return choices.mode === 'automatic' ? rollingProblem(choices) : null;
    case 'install':
      return selectionOf(choices) ? null : 'Nothing to install';
  }
}
