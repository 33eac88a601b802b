import type { ClassWith, XapiRecord } from '../../../shared/xapi/objects.js';

/** One line of a property list: label and the text shown for it. */
export interface PropertyRow {
  readonly label: string;
  readonly value: string;
}

/** A titled group of properties (General, Boot Options, CPUs, Memory…), as on XenCenter's General tab. */
export interface PropertySection {
  readonly title: string;
  readonly rows: readonly PropertyRow[];
}

/** Builds rows, skipping those whose value is null (a property that does not apply to this object). */
export function rows(...entries: (readonly [string, string | null])[]): PropertyRow[] {
  return entries.filter((entry): entry is readonly [string, string] => entry[1] !== null).map(([label, value]) => ({ label, value }));
}

/** The name, description, tags and folder block every editable object starts its General section with. */
export function identityRows(object: XapiRecord<ClassWith<'name_label' | 'name_description' | 'tags' | 'other_config'>>): PropertyRow[] {
  const tags = object.tags;
  return rows(
    ['Name', object.name_label],
    ['Description', object.name_description || 'None'],
    ['Tags', tags.length > 0 ? tags.join(', ') : 'None'],
    ['Folder', object.other_config.folder || 'None'],
  );
}
