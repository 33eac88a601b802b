/**
 * XenServer 8.4's CDN updates (repository.ml, updateinfo.ml) as the simulator keeps them: what the CDN publishes
 * (updateinfo entries with their guidance and RPMs), what the pool copied at its last `pool.sync_updates` (and that
 * copy's hash), and which updates each host has applied. One catalogue per simulated pool.
 */
import { createHash } from 'node:crypto';
import type { Engine } from '../api/engine.js';

/** Guidance names as updateinfo.xml and the `/updates` listing spell them. */
export const CDN_GUIDANCES = ['RebootHost', 'RestartToolstack', 'RestartDeviceModel', 'RestartVM', 'EvacuateHost'] as const;
export type CdnGuidance = (typeof CDN_GUIDANCES)[number];

export interface CdnGuidanceSet {
  mandatory: CdnGuidance[];
  recommended: CdnGuidance[];
  full: CdnGuidance[];
}

/** One updateinfo entry. */
export interface CdnUpdate {
  id: string;
  title: string;
  summary: string;
  description: string;
  URL: string;
  type: 'security' | 'bugfix' | 'enhancement';
  severity: 'High' | 'Medium' | 'Low' | 'None';
  /** YYYYMMDDTHH:MM:SSZ, as xapi writes it. */
  issued: string;
  guidance: CdnGuidanceSet;
  /** name-version-release.arch of the packages it brings. */
  rpms: string[];
  /** Host refs it concerns; empty = every host. */
  hosts: string[];
}

/** The pending_guidances value each guidance becomes (update_guidances enum). */
export const API_GUIDANCE: Record<CdnGuidance, string | null> = {
  RebootHost: 'reboot_host',
  RestartToolstack: 'restart_toolstack',
  RestartDeviceModel: 'restart_device_model',
  RestartVM: 'restart_vm',
  EvacuateHost: null,
};

export class CdnCatalogue {
  readonly published: CdnUpdate[] = [];
  /** What the last sync copied, or null before the first. */
  synced: { hash: string; updates: CdnUpdate[] } | null = null;
  readonly #applied = new Map<string, Set<string>>();

  publish(update: CdnUpdate): void {
    this.published.push(update);
  }

  /** pool.sync_updates: copies what is published and returns the copy's hash (sha256 over the update ids). */
  sync(): string {
    const updates = [...this.published];
    const hash = createHash('sha256').update(JSON.stringify(updates.map((u) => [u.id, u.rpms]))).digest('hex');
    this.synced = { hash, updates };
    return hash;
  }

  appliedOn(hostRef: string): Set<string> {
    let s = this.#applied.get(hostRef);
    if (!s) {
      s = new Set();
      this.#applied.set(hostRef, s);
    }
    return s;
  }

  /** Synced updates the host has not applied yet (and that concern it). */
  pendingFor(hostRef: string): CdnUpdate[] {
    const applied = this.appliedOn(hostRef);
    return (this.synced?.updates ?? []).filter((u) => !applied.has(u.id) && (u.hosts.length === 0 || u.hosts.includes(hostRef)));
  }
}

const catalogues = new WeakMap<Engine, CdnCatalogue>();

/** The pool's CDN catalogue. */
export function cdnCatalogue(engine: Engine): CdnCatalogue {
  let c = catalogues.get(engine);
  if (!c) {
    c = new CdnCatalogue();
    catalogues.set(engine, c);
  }
  return c;
}

/** The union of several updates' guidance, each list sorted and without repeats. */
export function mergeGuidance(updates: readonly CdnUpdate[]): CdnGuidanceSet {
  const pick = (kind: keyof CdnGuidanceSet): CdnGuidance[] => [...new Set(updates.flatMap((u) => u.guidance[kind]))].sort();
  return { mandatory: pick('mandatory'), recommended: pick('recommended'), full: pick('full') };
}
