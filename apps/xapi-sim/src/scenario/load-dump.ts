/**
 * Loads a XAPI database dump (state.db / `xe pool-dump-database` XML) into seed data for the current datamodel:
 * column names mapped (`name__label` → `name_label`), values decoded and coerced by the schema's field types,
 * columns and tables the current model lacks (or marks Removed) dropped, non-persistent tables ignored.
 */
import { inferRelations } from '../model/relations.js';
import { getSchema, NON_TABLE_CLASSES, type Schema } from '../model/schema.js';
import { coerceFromDb, type XapiType } from '../model/type-grammar.js';
import { addressPlus } from './addresses.js';
import { fieldNameOfColumn, unprotectWhitespace } from './db-cells.js';
import { upgradeDumpObjects } from './dump-upgrades.js';
import { dropDanglingRefs } from './dump-refs.js';
import { recreateRuntimeMetrics } from './dump-startup.js';
import { readXmlTags } from './xml-elements.js';
import type { PoolSeed, SeedObject } from './types.js';

export interface LoadDumpOptions {
  /** First host's loopback address; the others follow. Default 127.0.0.1 (the master gets it). */
  baseAddress?: string;
  /** Told about every value or reference that could not be kept. */
  onWarning?: (message: string) => void;
}

/** Tables whose contents never survive a restart of xapi. */
const NON_PERSISTENT: ReadonlySet<string> = new Set(['session', 'task', 'event', 'data_source']);

interface RawTable {
  name: string;
  rows: Array<Record<string, string>>;
}

/** Splits the document into its tables of raw attribute rows. */
function readTables(xml: string): RawTable[] {
  const tables: RawTable[] = [];
  let current: RawTable | null = null;
  let sawDatabase = false;
  for (const tag of readXmlTags(xml)) {
    if (tag.name === 'database') sawDatabase = true;
    else if (tag.name === 'table' && tag.kind !== 'close') {
      const table: RawTable = { name: tag.attributes.name ?? '', rows: [] };
      tables.push(table);
      current = tag.kind === 'open' ? table : null;
    } else if (tag.name === 'table') current = null;
    else if (tag.name === 'row' && tag.kind !== 'close' && current) current.rows.push(tag.attributes);
  }
  if (!sawDatabase) throw new Error('not a XAPI database dump: no <database> element');
  return tables;
}

/** Converts one row to a seed object, or null when it has no ref. */
function convertRow(
  schema: Schema,
  cls: string,
  row: Record<string, string>,
  derived: ReadonlySet<string>,
  warn: (m: string) => void,
): SeedObject | null {
  const ref = row.ref ?? row._ref;
  if (!ref) return null;
  const fields: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const name = fieldNameOfColumn(column);
    if (!name || derived.has(name)) continue;
    const field = schema.field(cls, name);
    if (!field) continue;
    try {
      const value = keepKnownEnumValues(schema, field.parsed, coerceFromDb(field.parsed, unprotectWhitespace(raw)));
      if (value !== undefined) fields[name] = value;
      else warn(`${cls}.${name} of ${ref}: ${JSON.stringify(raw)} is not a value of the current model`);
    } catch (e) {
      warn(`${cls}.${name} of ${ref}: ${(e as Error).message}`);
    }
  }
  return { cls, ref, fields };
}

/** Drops enum values the current model no longer has (undefined for a scalar enum). */
function keepKnownEnumValues(schema: Schema, t: XapiType, v: unknown): unknown {
  if (t.kind === 'enum') {
    const values = schema.enumValues(t.name);
    return !values || values.includes(v as string) ? v : undefined;
  }
  if (t.kind === 'set' && Array.isArray(v)) {
    return v.map((x) => keepKnownEnumValues(schema, t.of, x)).filter((x) => x !== undefined);
  }
  if (t.kind === 'map' && v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const key = keepKnownEnumValues(schema, t.key, k);
      const value = keepKnownEnumValues(schema, t.value, x);
      if (key !== undefined && value !== undefined) out[k] = value;
    }
    return out;
  }
  return v;
}

/** Parses a database dump into a pool seed whose hosts listen on consecutive loopback addresses. */
export function loadDump(xml: string, opts: LoadDumpOptions = {}): PoolSeed {
  const schema = getSchema();
  const warn = opts.onWarning ?? ((): void => {});
  const derivedByClass = new Map<string, Set<string>>();
  for (const r of inferRelations(schema)) {
    if (!derivedByClass.has(r.parentClass)) derivedByClass.set(r.parentClass, new Set());
    derivedByClass.get(r.parentClass)!.add(r.setField);
  }

  const objects: SeedObject[] = [];
  const rawRows = new Map<SeedObject, Record<string, string>>();
  for (const table of readTables(xml)) {
    const cls = schema.className(table.name);
    if (!cls || NON_PERSISTENT.has(cls) || NON_TABLE_CLASSES.has(cls) || schema.classes[cls]!.lifecycle === 'Removed') {
      if (table.rows.length > 0) warn(`table ${table.name} skipped (${table.rows.length} rows)`);
      continue;
    }
    const derived = derivedByClass.get(cls) ?? new Set<string>();
    for (const row of table.rows) {
      const obj = convertRow(schema, cls, row, derived, warn);
      if (!obj) continue;
      objects.push(obj);
      rawRows.set(obj, row);
    }
  }

  const raw = (obj: SeedObject, column: string): string | undefined => rawRows.get(obj)?.[column];
  upgradeDumpObjects(objects, (obj, field) => !Object.keys(rawRows.get(obj) ?? {}).some((c) => fieldNameOfColumn(c) === field));
  recreateRuntimeMetrics(objects, raw);
  dropDanglingRefs(schema, objects, warn);
  return assignAddresses(objects, opts.baseAddress ?? '127.0.0.1');
}

/** Gives each host a loopback address (master first) and points host.address and console URLs at it. */
function assignAddresses(objects: SeedObject[], base: string): PoolSeed {
  const hosts = objects.filter((o) => o.cls === 'host');
  if (hosts.length === 0) throw new Error('the dump has no hosts');
  const poolMaster = objects.find((o) => o.cls === 'pool')?.fields.master;
  const master = hosts.find((h) => h.ref === poolMaster) ?? hosts[0]!;
  const ordered = [master, ...hosts.filter((h) => h !== master)];
  const hostAddresses: Record<string, string> = {};
  const renamed = new Map<string, string>();
  ordered.forEach((host, i) => {
    const address = addressPlus(base, i);
    hostAddresses[host.ref] = address;
    const original = host.fields.address;
    if (typeof original === 'string' && original !== '') {
      renamed.set(original, address);
      host.fields.other_config = { ...(host.fields.other_config as Record<string, string>), 'xapi-sim-dump-address': original };
    }
    host.fields.address = address;
  });
  for (const obj of objects) {
    if (obj.cls !== 'console' || typeof obj.fields.location !== 'string') continue;
    obj.fields.location = obj.fields.location.replace(/^(\w+:\/\/)([^/:]+)/, (whole, scheme: string, hostPart: string) =>
      renamed.has(hostPart) ? `${scheme}${renamed.get(hostPart)}` : whole,
    );
  }
  return { objects, hostAddresses, masterRef: master.ref };
}

