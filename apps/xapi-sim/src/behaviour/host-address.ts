/**
 * A host's management address changing (host.management_reconfigure, PIF.reconfigure_ip on the management PIF,
 * a bond taking the management interface): the pool database says so at once (host.address, and HOST_IS_SLAVE
 * names the master's new address), and a moment later the host's HTTPS server answers on the new address and no
 * longer on the old one — the pool runtime moves it. A host marked "never returns" (control port) answers on
 * neither until its address is changed again (a rollback), which is what a wrong address does to a real host.
 */
import type { Engine } from '../api/engine.js';
import { hostFaultsFor } from './host-faults.js';

/** How long (ms before scaling) a host takes to bring its management interface up on a new address. */
export const ADDRESS_CHANGE_MS = 2000;

/** What the pool runtime does with a host's server: listen on `address`, or stop listening (`null`). */
export type HostRebinder = (hostRef: string, address: string | null) => Promise<void>;

const rebinders = new WeakMap<Engine, HostRebinder>();

/** The pool runtime registers how it moves a host's server. */
export function setHostRebinder(engine: Engine, rebind: HostRebinder): void {
  rebinders.set(engine, rebind);
}

/**
 * Records a host's new management address and moves its server there after ADDRESS_CHANGE_MS (scaled), or takes
 * it off the network when a "never returns" fault is set for it (the fault is spent).
 */
export function changeHostAddress(engine: Engine, hostRef: string, address: string): void {
  const before = engine.hostAddresses.get(hostRef) ?? String(engine.store.get('host', hostRef).address);
  if (before === address) return;
  engine.hostAddresses.set(hostRef, address);
  engine.store.update('host', hostRef, { address });
  const faults = hostFaultsFor(engine);
  const vanishes = faults.neverReturn.delete(hostRef);
  const rebind = rebinders.get(engine);
  if (!rebind) return;
  const timer = setTimeout(() => void rebind(hostRef, vanishes ? null : address).catch(() => {}), Math.max(20, engine.scaled(ADDRESS_CHANGE_MS)));
  timer.unref();
}
