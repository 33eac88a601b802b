import type { ActionDeps } from '../actions/action-context.js';
import { editObject } from '../actions/object-edit.js';
import { runSetProperties } from '../actions/object-properties.js';
import type { PartialImplementation } from './implementation.js';

/** Name, description and tags edits (General tab, F2), and the Properties dialogs' changes. */
export function createObjectsApi(deps: ActionDeps): PartialImplementation<'objects.edit' | 'objects.setProperties'> {
  return {
    'objects.edit': async (input) => ({ edited: await editObject(deps, input) }),
    'objects.setProperties': async (input) => ({ jobIds: runSetProperties(deps, input) }),
  };
}
