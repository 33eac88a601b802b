import type { MethodInput } from '../../../shared/api/contract.js';
import type { LooseXapiObject } from '../../../shared/xapi/objects.js';
import { refs, text } from './mirror-read.js';

/** What the General tab's edit form holds: the tags as typed, comma-separated. */
export interface EditDraft {
  readonly name: string;
  readonly description: string;
  readonly tags: string;
}

export function draftOf(object: LooseXapiObject): EditDraft {
  return { name: text(object, 'name_label'), description: text(object, 'name_description'), tags: refs(object, 'tags').join(', ') };
}

/** "web, prod,,web " → ["web", "prod"]: trimmed, no empties, no repeats, in typed order. */
export function parseTags(typed: string): string[] {
  return [...new Set(typed.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * The objects.edit input for what changed between the object and the draft, or null when nothing did (the
 * form then just closes). Only changed fields go, so a concurrent edit of another field is not undone.
 */
export function editRequest(object: LooseXapiObject, draft: EditDraft): MethodInput<'objects.edit'> | null {
  const request: { objectId: string; name?: string; description?: string; tags?: string[] } = { objectId: object.$id };
  const name = draft.name.trim();
  if (name !== text(object, 'name_label')) request.name = name;
  if (draft.description !== text(object, 'name_description')) request.description = draft.description;
  const tags = parseTags(draft.tags);
  const before = refs(object, 'tags');
  if (tags.length !== before.length || tags.some((tag, i) => tag !== before[i])) request.tags = tags;
  return Object.keys(request).length > 1 ? request : null;
}
