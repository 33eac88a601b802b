/** Collects seed objects, giving each a deterministic ref and uuid from the scenario's PRNG. */
import type { Prng } from './prng.js';
import type { SeedObject } from './types.js';

export class SeedBuilder {
  readonly objects: SeedObject[] = [];

  constructor(readonly rng: Prng) {}

  /** A fresh ref, for objects whose fields must mention their own ref or be linked before they are added. */
  newRef(): string {
    return `OpaqueRef:${this.rng.uuid()}`;
  }

  /** Adds an object (with a fresh uuid unless one is given) and returns its fields for later adjustment. */
  put(cls: string, ref: string, fields: Record<string, unknown>): Record<string, unknown> {
    const all = { uuid: typeof fields.uuid === 'string' ? fields.uuid : this.rng.uuid(), ...fields };
    this.objects.push({ cls, ref, fields: all });
    return all;
  }

  /** Adds an object under a fresh ref and returns the ref. */
  add(cls: string, fields: Record<string, unknown>): string {
    const ref = this.newRef();
    this.put(cls, ref, fields);
    return ref;
  }
}

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;
