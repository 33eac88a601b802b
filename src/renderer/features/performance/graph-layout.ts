import { z } from 'zod';
import { graphLayoutKey, graphSpecSchema, type GraphSpec } from '../../../shared/api/stats-schema.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';

const layoutSchema = z.array(graphSpecSchema).max(40);

/** The graphs saved for an object in its pool's gui_config, or null when none are (or they do not parse). */
export function savedGraphs(pool: XapiRecord<'pool'> | undefined, objectUuid: string): GraphSpec[] | null {
  const text = pool?.gui_config[graphLayoutKey(objectUuid)];
  if (!text) return null;
  try {
    const parsed = layoutSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The graphs with one moved up (-1) or down (+1). */
export function moveGraph(graphs: readonly GraphSpec[], index: number, by: -1 | 1): GraphSpec[] {
  const to = index + by;
  if (to < 0 || to >= graphs.length) return [...graphs];
  const next = [...graphs];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
