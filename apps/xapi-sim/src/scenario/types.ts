/** Plain-data seeds a pool is started from: what the generator and the dump loader produce and the store loads. */

/**
 * One object to create. `fields` holds JS values in the type-grammar conventions; fields left out take the
 * schema default. Only the "one" side of relations is set (VBD.VM, VDI.SR …); the store derives ref-set sides.
 */
export interface SeedObject {
  cls: string;
  ref: string;
  fields: Record<string, unknown>;
}

/** A whole pool: its objects, the loopback address each host listens on, and the master host's ref. */
export interface PoolSeed {
  objects: SeedObject[];
  /** host ref → IP address the simulator binds for that host (127.0.0.x). */
  hostAddresses: Record<string, string>;
  masterRef: string;
}
