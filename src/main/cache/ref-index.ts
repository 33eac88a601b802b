import type { XapiClass } from '../../shared/xapi/objects.js';
import type { XapiRecords } from '../../shared/xapi/records.gen.js';

/** `<class>.<field>` of a field a mirrored class has. */
type Relation = { [C in XapiClass]: `${C}.${keyof XapiRecords[C] & string}` }[XapiClass];

/** Relations indexed for quick lookups: `<type>.<field>` whose value is a ref to the owning object. */
export const indexedRelations = [
  'VM.resident_on',
  'VM.affinity',
  'VBD.VM',
  'VBD.VDI',
  'VIF.VM',
  'VIF.network',
  'VDI.SR',
  'PBD.host',
  'PBD.SR',
  'PIF.host',
  'PIF.network',
  'host_cpu.host',
  'console.VM',
  'Certificate.host',
  'VM.snapshot_of',
] as const satisfies readonly Relation[];

/** One of the indexed relations. */
export type IndexedRelation = (typeof indexedRelations)[number];

/** The class whose objects a relation indexes (`'VBD.VM'` → `'VBD'`). */
export type RelationClass<R extends IndexedRelation> = R extends `${infer C extends XapiClass}.${string}` ? C : never;

/** Keeps `<type>.<field>` → target ref → ids of objects pointing at it. */
export class RefIndex {
  readonly #byRelation = new Map<string, Map<string, Set<string>>>();
  readonly #relations: Map<string, string[]>;

  constructor(relations: readonly string[] = indexedRelations) {
    this.#relations = new Map();
    for (const relation of relations) {
      const [type, field] = relation.split('.') as [string, string];
      this.#relations.set(type, [...(this.#relations.get(type) ?? []), field]);
      this.#byRelation.set(relation, new Map());
    }
  }

  /** Ids of `type` objects whose `field` points at `target`. */
  lookup(relation: IndexedRelation, target: string): ReadonlySet<string> {
    return this.#byRelation.get(relation)?.get(target) ?? new Set();
  }

  add(id: string, type: string, record: Readonly<Record<string, unknown>>): void {
    for (const field of this.#relations.get(type) ?? []) {
      const target = record[field];
      if (typeof target !== 'string') continue;
      const byTarget = this.#byRelation.get(`${type}.${field}`)!;
      const ids = byTarget.get(target) ?? new Set<string>();
      ids.add(id);
      byTarget.set(target, ids);
    }
  }

  remove(id: string, type: string, record: Readonly<Record<string, unknown>>): void {
    for (const field of this.#relations.get(type) ?? []) {
      const target = record[field];
      if (typeof target !== 'string') continue;
      const byTarget = this.#byRelation.get(`${type}.${field}`)!;
      const ids = byTarget.get(target);
      ids?.delete(id);
      if (ids?.size === 0) byTarget.delete(target);
    }
  }
}
