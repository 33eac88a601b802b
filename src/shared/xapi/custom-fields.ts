import { elementAttributes } from '../util/xml-attributes.js';

/**
 * XenCenter's custom fields, which Xenith reads and writes the same way so both tools see the same fields: the
 * pool's `gui_config["XenCenter.CustomFields"]` holds their definitions as a small XML document, and each object
 * keeps its value in `other_config["XenCenter.CustomFields.<name>"]` (absent or empty: no value).
 */

/** The gui_config key of the definitions, and the prefix of each value's other_config key. */
export const customFieldsKey = 'XenCenter.CustomFields';

/** XenCenter's two kinds of custom field. Dates are kept as ISO 8601 text. */
export type CustomFieldType = 'String' | 'Date';

export interface CustomFieldDefinition {
  readonly name: string;
  readonly type: CustomFieldType;
}

/** The other_config key holding an object's value of the field `name`. */
export function customFieldKey(name: string): string {
  return `${customFieldsKey}.${name}`;
}

/** The definitions in a pool's gui_config (none when the key is missing or not the XML XenCenter writes). */
export function readCustomFieldDefinitions(guiConfig: Readonly<Record<string, string>>): CustomFieldDefinition[] {
  const xml = guiConfig[customFieldsKey] ?? '';
  const seen = new Set<string>();
  const definitions: CustomFieldDefinition[] = [];
  for (const attributes of elementAttributes(xml, 'CustomFieldDefinition')) {
    const name = attributes.name;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    definitions.push({ name, type: attributes.type === 'Date' ? 'Date' : 'String' });
  }
  return definitions;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The XML XenCenter writes for a list of definitions (defaultValue is always empty, as XenCenter writes it). */
export function writeCustomFieldDefinitions(definitions: readonly CustomFieldDefinition[]): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character]!);
  const elements = definitions.map((definition) => `<CustomFieldDefinition name="${escape(definition.name)}" type="${definition.type}" defaultValue="" />`);
  return `<CustomFieldDefinitions>${elements.join('')}</CustomFieldDefinitions>`;
}

/** An object's custom field values, by field name, for the fields its pool defines (empty values left out). */
export function customFieldValues(otherConfig: Readonly<Record<string, string>>, definitions: readonly CustomFieldDefinition[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const definition of definitions) {
    const value = otherConfig[customFieldKey(definition.name)];
    if (value) values.set(definition.name, value);
  }
  return values;
}
