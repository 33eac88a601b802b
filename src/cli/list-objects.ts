import type { LooseXapiObject } from '../shared/xapi/objects.js';
import type { ParsedArgv } from './argv.js';
import { ExitCode } from './exit-codes.js';
import { subscribeMirror } from './mirror-snapshot.js';
import { cell, jsonOutput, table } from './render.js';
import { withSession } from './session.js';

/**
 * The kinds of VM record a person means, as Xen Orchestra names them: `VM` alone is a real VM (XAPI's VM class
 * also holds templates, snapshots and control domains, which are halted "VMs" nobody means by "the halted VMs").
 */
const vmKinds: Record<string, (object: LooseXapiObject) => boolean> = {
  'vm': (object) => object.is_a_template !== true && object.is_a_snapshot !== true && object.is_control_domain !== true,
  'vm-template': (object) => object.is_a_template === true && object.is_a_snapshot !== true,
  'vm-snapshot': (object) => object.is_a_snapshot === true,
  'vm-controller': (object) => object.is_control_domain === true,
};

/** The pseudo-types list-objects takes besides XAPI's classes. */
export const vmKindNames = ['VM', 'VM-template', 'VM-snapshot', 'VM-controller'];

/** True when an object is of the type asked (XAPI's class, case-insensitive, or a VM kind). */
function ofType(object: LooseXapiObject, type: string): boolean {
  const wanted = type.toLowerCase();
  const kind = vmKinds[wanted];
  if (kind) return object.$type.toLowerCase() === 'vm' && kind(object);
  return object.$type.toLowerCase() === wanted;
}

/** True when a field has the value asked: equal as text, or — for a list (tags) — one of its items. */
function fieldMatches(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((item) => cell(item) === wanted);
  return cell(value) === wanted;
}

/**
 * `xenith-cli list-objects [type=VM] [field=value …] [--fields a,b] [--json]`: the objects of every connected pool
 * from Xenith's mirror (no extra load on the pools), filtered by type and by exact field values.
 */
export async function listObjects(argv: ParsedArgv): Promise<number> {
  const type = argv.params.find((param) => param.name === 'type')?.value ?? null;
  const filters = argv.params.filter((param) => param.name !== 'type');
  const mirror = await withSession((client) => subscribeMirror(client));
  const objects = [...mirror.values()].filter((object) => (type === null || ofType(object, type)) && filters.every(({ name, value }) => fieldMatches(object[name], value)));
  objects.sort((a, b) => cell(a.name_label).localeCompare(cell(b.name_label)) || a.$id.localeCompare(b.$id));
  const fields = argv.options.fields;
  if (argv.options.json) {
    const shown = fields ? objects.map((object) => Object.fromEntries(fields.map((field) => [field, object[field] ?? null]))) : objects;
    process.stdout.write(jsonOutput(shown));
    return ExitCode.ok;
  }
  const columns = fields ?? [...(type === null ? ['$type'] : []), 'name_label', ...filters.map((filter) => filter.name), 'uuid'];
  process.stdout.write(objects.length === 0 ? '(none)\n' : table(objects, [...new Set(columns)]));
  return ExitCode.ok;
}
