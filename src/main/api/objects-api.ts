import type { ActionDeps } from '../actions/action-context.js';
import { editObject } from '../actions/object-edit.js';
import type { PartialImplementation } from './implementation.js';

/** Name, description and tags edits (General tab, F2). */
export function createObjectsApi(deps: ActionDeps): PartialImplementation<'objects.edit'> {
  return {
    'objects.edit': async (input) => ({ edited: await editObject(deps, input) }),
  };
}
