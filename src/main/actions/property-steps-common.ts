import { XenithErrorCode } from '../../shared/api/errors.js';
import type { PropertyChanges } from '../../shared/api/methods/object-properties.js';
import { customFieldKey, readCustomFieldDefinitions, writeCustomFieldDefinitions, customFieldsKey, type CustomFieldDefinition } from '../../shared/xapi/custom-fields.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { replaceMapKey, type PropertyStep } from './property-step.js';

/** The classes that have Properties dialogs. */
export type PropertiesClass = 'VM' | 'host' | 'pool' | 'SR' | 'network';
export type PropertiesObject = XapiRecord<PropertiesClass>;

/** Adds definitions to the pool's gui_config, reading it fresh so a field someone else added meanwhile is kept. */
async function addDefinitions(xapi: Parameters<PropertyStep['apply']>[0], poolRef: string, added: readonly CustomFieldDefinition[]): Promise<void> {
  const guiConfig = await xapi.call<Record<string, string>>('pool.get_gui_config', poolRef);
  const existing = readCustomFieldDefinitions(guiConfig ?? {});
  const known = new Set(existing.map((definition) => definition.name));
  const merged = [...existing, ...added.filter((definition) => !known.has(definition.name))];
  await replaceMapKey(xapi, 'pool', poolRef, 'gui_config', customFieldsKey, writeCustomFieldDefinitions(merged));
}

/**
 * The General and Custom Fields pages, common to every class: name, description and tags with their setters;
 * new custom field definitions on the pool (XenCenter's gui_config XML), then each value in the object's
 * other_config. A value for a field the pool does not define is refused before anything runs.
 */
export function commonSteps(object: PropertiesObject, changes: PropertyChanges, pool: XapiRecord<'pool'>): PropertyStep[] {
  const cls = object.$type;
  const ref = object.$id;
  const steps: PropertyStep[] = [];
  const { name, description, tags } = changes;
  if (name !== undefined && name !== object.name_label) steps.push({ label: 'Name', apply: (xapi) => xapi.call(`${cls}.set_name_label`, ref, name) });
  if (description !== undefined && description !== object.name_description) {
    steps.push({ label: 'Description', apply: (xapi) => xapi.call(`${cls}.set_name_description`, ref, description) });
  }
  if (tags !== undefined) steps.push({ label: 'Tags', apply: (xapi) => xapi.call(`${cls}.set_tags`, ref, [...new Set(tags)]) });

  const added = changes.newCustomFields ?? [];
  if (added.length > 0) steps.push({ label: 'Custom field definitions', apply: (xapi) => addDefinitions(xapi, pool.$id, added) });
  const defined = new Set([...readCustomFieldDefinitions(pool.gui_config), ...added].map((definition) => definition.name));
  for (const [field, value] of Object.entries(changes.customFields ?? {})) {
    if (!defined.has(field)) {
      throw new ApiFailure(XenithErrorCode.validation, `The pool has no custom field '${field}'. Add the field first.`, { params: [field] });
    }
    const next = value === null || value === '' ? null : value;
    if ((object.other_config[customFieldKey(field)] || null) === next) continue;
    steps.push({ label: `Custom field '${field}'`, apply: (xapi) => replaceMapKey(xapi, cls, ref, 'other_config', customFieldKey(field), next) });
  }
  return steps;
}
