import type { PropertyChanges } from '../../../shared/api/methods/object-properties.js';
import { isOfType } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { commonChanges, commonDraftOf, commonProblems, type CommonDraft, type DraftProblem, type PageId, type PropertiesObject } from './draft-common.js';
import { hostChanges, hostDraftOf, hostProblems, poolChanges, poolDraftOf, type HostDraft, type PoolDraft } from './draft-host.js';
import { bootsLikeHvm, vmChanges, vmDraftOf, vmProblems, type VmDraft } from './draft-vm.js';

/** A Properties dialog's state: what each page shows and the person changes, for one object. */
export type PropertiesDraft = VmDraft | HostDraft | PoolDraft | (CommonDraft & { readonly class: 'SR' | 'network' });

/** The classes with a Properties dialog. */
export function hasProperties(object: { readonly $type: string } | undefined): object is PropertiesObject {
  return object !== undefined && ['VM', 'host', 'pool', 'SR', 'network'].includes(object.$type);
}

/** The draft a dialog opens with, from the mirrored object (and its pool's custom field definitions). */
export function draftOf(index: ObjectIndex, object: PropertiesObject): PropertiesDraft {
  const pool = objectsOfType(index, 'pool', object.$pool)[0];
  if (isOfType(object, 'VM')) return vmDraftOf(object, pool);
  if (isOfType(object, 'host')) return hostDraftOf(object, pool);
  if (isOfType(object, 'pool')) return poolDraftOf(index, object);
  return { class: object.$type, ...commonDraftOf(object, pool) };
}

/**
 * The objects.setProperties changes between the draft the dialog opened with and the one it has now, or null
 * when nothing changed. Only what the person changed goes, so a concurrent change of another field is kept.
 */
export function draftChanges(base: PropertiesDraft, draft: PropertiesDraft): PropertyChanges | null {
  const changes: Record<string, unknown> = commonChanges(base, draft);
  if (base.class === 'VM' && draft.class === 'VM') Object.assign(changes, vmChanges(base, draft));
  else if (base.class === 'host' && draft.class === 'host') Object.assign(changes, hostChanges(base, draft));
  else if (base.class === 'pool' && draft.class === 'pool') Object.assign(changes, poolChanges(base, draft));
  // The contract validates this shape again on the server; here it is built field by field from typed drafts.
  return Object.keys(changes).length > 0 ? ({ class: draft.class, ...changes } as PropertyChanges) : null;
}

/** Everything the dialog knows is wrong, each with the page and field it belongs to. */
export function draftProblems(draft: PropertiesDraft, object: PropertiesObject): DraftProblem[] {
  const problems = commonProblems(draft);
  if (draft.class === 'VM' && isOfType(object, 'VM')) problems.push(...vmProblems(draft, bootsLikeHvm(object)));
  if (draft.class === 'host') problems.push(...hostProblems(draft));
  return problems;
}

/** The problem of one field, if any. */
export function problemOf(problems: readonly DraftProblem[], page: PageId, field: string): string | undefined {
  return problems.find((problem) => problem.page === page && problem.field === field)?.message;
}
