import { methodNames, type MethodName } from '../shared/api/contract.js';
import { describeMethod } from '../shared/api/introspection.js';
import { alternatives, type JsonSchema } from './json-schema.js';

/**
 * Where a method's file goes or comes from, read from its input schema: a field with a `{ kind: 'download' }`
 * branch sends the bytes to the caller (an export), one with `{ kind: 'upload', name, size }` takes them from the
 * caller (an import). A `head` field beside an upload takes the file's first bytes (file.inspect). Found by
 * introspection, so a file method added to the contract takes `@=file` with no change here.
 */
export interface FileField {
  name: string;
  direction: 'download' | 'upload';
  /** The field for the file's first bytes, base64 (file.inspect reads the format from them), or null. */
  headField: string | null;
}

function kindOf(branch: JsonSchema): unknown {
  return branch.properties?.kind?.const ?? (branch.properties?.kind?.enum?.length === 1 ? branch.properties.kind.enum[0] : undefined);
}

export function fileFieldOf(method: MethodName): FileField | null {
  const properties = (describeMethod(method).input as JsonSchema).properties ?? {};
  for (const [name, schema] of Object.entries(properties)) {
    const kinds = alternatives(schema).map(kindOf);
    const direction = kinds.includes('download') ? 'download' : kinds.includes('upload') ? 'upload' : null;
    if (!direction) continue;
    const headField = direction === 'upload' && properties.head?.type === 'string' ? 'head' : null;
    return { name, direction, headField };
  }
  return null;
}

/** The methods that take `@=file`, for help, completion and the message when another method is given one. */
export function fileMethodNames(): MethodName[] {
  return methodNames.filter((method) => fileFieldOf(method) !== null);
}
