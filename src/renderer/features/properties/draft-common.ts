import { customFieldKey, readCustomFieldDefinitions, type CustomFieldDefinition } from '../../../shared/xapi/custom-fields.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { parseTags } from '../details/edit-draft.js';

/** The classes that have a Properties dialog. */
export type PropertiesClass = 'VM' | 'host' | 'pool' | 'SR' | 'network';
export type PropertiesObject = XapiRecord<PropertiesClass>;

/** The pages of a Properties dialog, in XenCenter's order where it has them. */
export type PageId = 'general' | 'customFields' | 'cpu' | 'memory' | 'boot' | 'start' | 'homeServer' | 'alerts' | 'logDestination' | 'powerOn' | 'migrationNetwork';

/** Something the dialog knows is wrong before asking XAPI: which page, which field, and what to do. */
export interface DraftProblem {
  readonly page: PageId;
  readonly field: string;
  readonly message: string;
}

/** What the General and Custom Fields pages hold for every class. */
export interface CommonDraft {
  readonly name: string;
  readonly description: string;
  /** As typed: comma-separated. */
  readonly tags: string;
  /** Every field the pool defines (and the ones added in this dialog), by name; '' is no value. */
  readonly customFields: Readonly<Record<string, string>>;
  /** Fields added in this dialog, to define on the pool when saving. */
  readonly newFields: readonly CustomFieldDefinition[];
}

/** The pool's custom field definitions. */
export function definitionsOf(pool: XapiRecord<'pool'> | undefined): CustomFieldDefinition[] {
  return pool ? readCustomFieldDefinitions(pool.gui_config) : [];
}

export function commonDraftOf(object: PropertiesObject, pool: XapiRecord<'pool'> | undefined): CommonDraft {
  const customFields: Record<string, string> = {};
  for (const definition of definitionsOf(pool)) customFields[definition.name] = object.other_config[customFieldKey(definition.name)] ?? '';
  return { name: object.name_label, description: object.name_description, tags: object.tags.join(', '), customFields, newFields: [] };
}

/** The changes of the common pages: only what differs from the draft the dialog opened with. */
export function commonChanges(base: CommonDraft, draft: CommonDraft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const name = draft.name.trim();
  if (name !== base.name) changes.name = name;
  if (draft.description !== base.description) changes.description = draft.description;
  const tags = parseTags(draft.tags);
  const before = parseTags(base.tags);
  if (tags.length !== before.length || tags.some((tag, index) => tag !== before[index])) changes.tags = tags;
  if (draft.newFields.length > 0) changes.newCustomFields = draft.newFields.map((field) => ({ name: field.name, type: field.type }));
  const values: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(draft.customFields)) {
    if (value !== (base.customFields[field] ?? '')) values[field] = value === '' ? null : value;
  }
  if (Object.keys(values).length > 0) changes.customFields = values;
  return changes;
}

export function commonProblems(draft: CommonDraft): DraftProblem[] {
  return draft.name.trim() === '' ? [{ page: 'general', field: 'name', message: 'Enter a name.' }] : [];
}

/** Why a new custom field name cannot be added, or null when it can. */
export function newFieldProblem(name: string, draft: CommonDraft): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name for the field.';
  if (trimmed.length > 100) return 'Use at most 100 characters.';
  if (Object.hasOwn(draft.customFields, trimmed)) return `There is already a field '${trimmed}'.`;
  return null;
}
