/** Typed access to the generated datamodel (schema.gen.json) with parsed field types and lookup indexes. */
import { readFileSync } from 'node:fs';
import { parseXapiType, type XapiType } from './type-grammar.js';

export type Lifecycle = 'Published' | 'Prototyped' | 'Deprecated' | 'Removed';
export type Qualifier = 'RW' | 'RO/constructor' | 'RO/runtime';

export interface FieldSchema { type: string; qualifier: Qualifier; default?: string; lifecycle: Lifecycle }
export interface ParamSchema { name: string; type: string; required: boolean }
export interface MessageSchema { params: ParamSchema[]; result: string; implicit: boolean; lifecycle: Lifecycle; errors: string[] }
export interface ClassSchema {
  lifecycle: Lifecycle;
  fields: Record<string, FieldSchema>;
  messages: Record<string, MessageSchema>;
  enums: Record<string, string[]>;
}
export interface SchemaFile {
  classes: Record<string, ClassSchema>;
  errors: Record<string, string[]>;
  async: string[];
  alerts: Record<string, number>;
}

/** A field with its parsed type. */
export interface FieldInfo extends FieldSchema { name: string; parsed: XapiType }

/** Classes that never appear in event.from (gen_events:false in the datamodel) or in the database. */
export const NON_EVENT_CLASSES: ReadonlySet<string> = new Set([
  'session', 'user', 'data_source', 'sr_stat', 'probe_result', 'vdi_nbd_server_info', 'auth', 'secret', 'Diagnostics', 'event',
]);

/** Classes without stored objects (pure namespaces or value types). */
export const NON_TABLE_CLASSES: ReadonlySet<string> = new Set([
  'auth', 'event', 'data_source', 'sr_stat', 'probe_result', 'vdi_nbd_server_info', 'LVHD', 'Diagnostics',
]);

/** The loaded datamodel with indexes; built once per process. */
export class Schema {
  readonly classes: Record<string, ClassSchema>;
  readonly errors: Record<string, string[]>;
  readonly asyncMethods: ReadonlySet<string>;
  readonly alerts: Record<string, number>;
  private readonly lower = new Map<string, string>();
  private readonly fieldCache = new Map<string, FieldInfo[]>();
  private readonly enumIndex = new Map<string, string[]>();

  constructor(file: SchemaFile) {
    this.classes = file.classes;
    this.errors = file.errors;
    this.asyncMethods = new Set(file.async);
    this.alerts = file.alerts;
    for (const [name, cls] of Object.entries(file.classes)) {
      this.lower.set(name.toLowerCase(), name);
      for (const [e, values] of Object.entries(cls.enums)) this.enumIndex.set(e, values);
    }
  }

  /** Canonical class name for a case-insensitive name, or undefined. */
  className(name: string): string | undefined {
    return this.lower.get(name.toLowerCase());
  }

  classOf(name: string): ClassSchema {
    const c = this.classes[name];
    if (!c) throw new Error(`unknown class ${name}`);
    return c;
  }

  /** Values of an enum type, by enum name (enums are global in the datamodel). */
  enumValues(name: string): string[] | undefined {
    return this.enumIndex.get(name);
  }

  /** Fields a record shows: every non-Removed field, in datamodel order. */
  fields(cls: string): FieldInfo[] {
    let out = this.fieldCache.get(cls);
    if (!out) {
      out = Object.entries(this.classOf(cls).fields)
        .filter(([, f]) => f.lifecycle !== 'Removed')
        .map(([name, f]) => ({ ...f, name, parsed: parseXapiType(f.type) }));
      this.fieldCache.set(cls, out);
    }
    return out;
  }

  field(cls: string, name: string): FieldInfo | undefined {
    return this.fields(cls).find((f) => f.name === name);
  }

  /** Classes that hold objects (have a table), in datamodel order. */
  tableClasses(): string[] {
    return Object.keys(this.classes).filter((c) => !NON_TABLE_CLASSES.has(c));
  }
}

let loaded: Schema | undefined;

/** The process-wide schema, loaded from schema.gen.json next to this file. */
export function getSchema(): Schema {
  loaded ??= new Schema(JSON.parse(readFileSync(new URL('./schema.gen.json', import.meta.url), 'utf8')) as SchemaFile);
  return loaded;
}
