import type { ObjectMirror } from '../../src/main/cache/object-mirror.js';
import { normalizeRecord } from '../../src/main/cache/normalize-record.js';
import { skippedTypes } from '../../src/main/pools/pool-feed.js';

/** The simulator's database as its control port dumps it. */
export interface SimDump { tables: Record<string, Record<string, Record<string, unknown>>> }

export async function fetchSimDump(controlUrl: string): Promise<SimDump> {
  const response = await fetch(`${controlUrl}/db`);
  return (await response.json()) as SimDump;
}

/** Classes the mirror deliberately leaves out (the simulator's event table among them). */
const notMirrored = skippedTypes;

/**
 * Differences between Xenith's mirror of a pool and the simulator's own database: missing objects,
 * extra (stale or duplicate) objects, and field values that differ. Empty when they are equal.
 */
export function diffMirror(mirror: ObjectMirror, poolId: string, dump: SimDump, classes?: readonly string[]): string[] {
  const problems: string[] = [];
  const mirrored = new Map([...mirror.objects(poolId)].map((object) => [object.$id, object]));
  const expectedRefs = new Set<string>();
  for (const [cls, rows] of Object.entries(dump.tables)) {
    if (notMirrored.has(cls) || (classes && !classes.includes(cls))) continue;
    for (const [ref, record] of Object.entries(rows)) {
      expectedRefs.add(ref);
      const object = mirrored.get(ref);
      if (!object) {
        problems.push(`missing ${cls} ${ref}`);
        continue;
      }
      const expected = normalizeRecord(cls, record);
      // Every field the simulator has, whatever the class: compared untyped on purpose.
      const fields = object as Readonly<Record<string, unknown>>;
      for (const [field, value] of Object.entries(expected)) {
        if (JSON.stringify(fields[field]) !== JSON.stringify(value)) problems.push(`${cls} ${ref}.${field}: ${JSON.stringify(fields[field])} ≠ ${JSON.stringify(value)}`);
      }
    }
  }
  for (const [ref, object] of mirrored) {
    if (!expectedRefs.has(ref) && (!classes || classes.includes(object.$type))) problems.push(`stale ${object.$type} ${ref}`);
  }
  return problems;
}
