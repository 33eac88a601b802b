/** The subset of JSON Schema (draft 2020-12, as zod 4 writes it) xenith-cli reads to parse and complete values. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  description?: string;
}

/** The alternatives of a union (`anyOf`/`oneOf`), or the schema itself. */
export function alternatives(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/** The schema's types, with those of its alternatives (`["string","null"]` for a nullable string). */
export function typesOf(schema: JsonSchema): string[] {
  return alternatives(schema).flatMap((branch) => {
    if (branch.type !== undefined) return Array.isArray(branch.type) ? branch.type : [branch.type];
    if (branch.const !== undefined) return [branch.const === null ? 'null' : typeof branch.const];
    if (branch.enum) return [...new Set(branch.enum.map((value) => (value === null ? 'null' : typeof value)))];
    return branch.anyOf || branch.oneOf ? typesOf(branch) : [];
  });
}

/** The values an enum (or a union of constants) allows, for help and completion; empty when it is open. */
export function choicesOf(schema: JsonSchema): unknown[] {
  const branches = alternatives(schema);
  if (branches.every((branch) => branch.enum !== undefined || branch.const !== undefined)) {
    return branches.flatMap((branch) => (branch.enum ? branch.enum : [branch.const]));
  }
  if (typesOf(schema).length === 1 && typesOf(schema)[0] === 'boolean') return [true, false];
  return [];
}

/** The schema of a dotted path inside an object schema (`memory.staticMax`), or null where it names nothing. */
export function schemaAt(schema: JsonSchema, path: readonly string[]): JsonSchema | null {
  let current: JsonSchema | null = schema;
  for (const key of path) {
    const objectBranch: JsonSchema | undefined = current ? alternatives(current).find((branch) => branch.properties !== undefined) : undefined;
    current = objectBranch?.properties?.[key] ?? null;
  }
  return current;
}

/** One line saying what a parameter takes: `integer 1..256`, `start | clean_shutdown | …`, `array of string`. */
export function describeSchema(schema: JsonSchema): string {
  const choices = choicesOf(schema);
  if (choices.length > 0) return choices.map((choice) => JSON.stringify(choice).replace(/^"|"$/g, '')).join(' | ');
  const branches = alternatives(schema);
  if (branches.length > 1) return branches.map(describeSchema).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (type === 'array') return `list of ${describeSchema(schema.items ?? {})}${schema.minItems !== undefined || schema.maxItems !== undefined ? ',' : ''}${bounds(schema.minItems, schema.maxItems, ' items')}`;
  if (type === 'object' && schema.properties) return `object {${Object.keys(schema.properties).join(', ')}}`;
  if (type === 'object') return 'object';
  if (type === 'string') return `string${bounds(schema.minLength, schema.maxLength, ' chars')}${schema.pattern ? ` /${schema.pattern}/` : ''}`;
  if (type === 'integer' || type === 'number') return `${type}${bounds(schema.minimum, schema.maximum, '')}`;
  return type;
}

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  if (min === undefined && max === undefined) return '';
  if (max === undefined) return ` ≥ ${min}${unit}`;
  if (min === undefined || min === 0) return ` ≤ ${max}${unit}`;
  return ` ${min}..${max}${unit}`;
}
