import { useShallow } from 'zustand/react/shallow';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { useObjectsStore } from '../../store/objects-store.js';

/**
 * The whole mirror, for dialogs that derive lists from it (with useMemo): it changes once per delta batch, which
 * is cheap for an open dialog and keeps derived rows from being rebuilt on every render.
 */
export function useMirror(): ObjectIndex {
  return useObjectsStore(useShallow((state) => ({ objects: state.objects, idsByType: state.idsByType })));
}
