import type { MethodInput } from '../../../shared/api/contract.js';
import type { ClassWith, XapiRecord } from '../../../shared/xapi/objects.js';

/** Objects whose name, description and tags the General tab edits. */
export type EditableObject = XapiRecord<ClassWith<'name_label' | 'name_description' | 'tags'>>;

/** What the General tab's edit form holds: the tags as typed, comma-separated. */
export interface EditDraft {
  readonly name: string;
  readonly description: string;
  readonly tags: string;
}

export function draftOf(object: EditableObject): EditDraft {
  return { name: object.name_label, description: object.name_description, tags: object.tags.join(', ') };
}

/** "web, prod,,web " → ["web", "prod"]: trimmed, no empties, no repeats, in typed order. */
export function parseTags(typed: string): string[] {
  return [...new Set(typed.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * The objects.edit input for what changed between the object and the draft, or null when nothing did (the
 * form then just closes). Only changed fields go, so a concurrent edit of another field is not undone.
 */
export function editRequest(object: EditableObject, draft: EditDraft): MethodInput<'objects.edit'> | null {
  const request: { objectId: string; name?: string; description?: string; tags?: string[] } = { objectId: object.$id };
  const name = draft.name.trim();
  if (name !== object.name_label) request.name = name;
  if (draft.description !== object.name_description) request.description = draft.description;
  const tags = parseTags(draft.tags);
  const before = object.tags;
  if (tags.length !== before.length || tags.some((tag, i) => tag !== before[i])) request.tags = tags;
  return Object.keys(request).length > 1 ? request : null;
}
