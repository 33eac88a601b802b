import type { ObjectIndex } from '../../store/apply-delta.js';
import type { DraftProblem, PropertiesObject } from './draft-common.js';
import type { PropertiesDraft } from './properties-draft.js';

/** What every page component gets: its slice of the draft, a way to change it, and what is wrong so far. */
export interface PageProps<D extends PropertiesDraft = PropertiesDraft, O extends PropertiesObject = PropertiesObject> {
  readonly draft: D;
  readonly update: (patch: Partial<D>) => void;
  readonly problems: readonly DraftProblem[];
  readonly object: O;
  readonly index: ObjectIndex;
  /** True while the changes are being saved: every control is locked. */
  readonly saving: boolean;
}
