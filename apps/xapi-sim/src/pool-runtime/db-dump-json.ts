/** The whole database as JSON (control port `GET /db`): `{generation, tables: {Class: {ref: record}}}`. */
import type { Engine } from '../api/engine.js';
import { toJsonValue } from '../wire/jsonrpc-codec.js';

export function dumpDatabase(engine: Engine): { generation: number; masterRef: string; tables: Record<string, Record<string, unknown>> } {
  const tables: Record<string, Record<string, unknown>> = {};
  for (const cls of engine.store.classes()) {
    const t: Record<string, unknown> = {};
    for (const row of engine.store.rows(cls)) t[row.ref] = toJsonValue(row.record);
    tables[cls] = t;
  }
  return { generation: engine.store.generation, masterRef: engine.masterRef, tables };
}
