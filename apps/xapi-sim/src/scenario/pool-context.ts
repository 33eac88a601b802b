/** What VM generation needs to know about the pool built so far. */
import type { HostHandle } from './hosts.js';
import type { NetworkHandle } from './network.js';
import type { SeedBuilder } from './seed-builder.js';
import type { SrHandle } from './storage.js';

export interface PoolContext {
  b: SeedBuilder;
  hosts: HostHandle[];
  /** Local SR of each host, by host index. */
  localSrs: SrHandle[];
  sharedSrs: SrHandle[];
  isoVdis: string[];
  toolsIso: string | null;
  /** Networks guests may be attached to (never the host-internal one). */
  guestNetworks: NetworkHandle[];
  /** Template name → ref, for other_config.base_template_name lookups. */
  templatesByName: Map<string, string>;
  /** The scenario's "now": fixed per seed so output is reproducible. */
  now: Date;
}

export const NULL_REF = 'OpaqueRef:NULL';
