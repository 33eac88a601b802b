import { XenithErrorCode } from '../../shared/api/errors.js';
import { ApiFailure } from '../api/failure.js';
import { callNow, type ActionDeps } from './action-context.js';

/** Classes whose name, description and tags a person edits in the General tab (and with F2). */
const editableClasses: ReadonlySet<string> = new Set(['VM', 'host', 'pool', 'SR', 'network']);

export interface ObjectEdit {
  objectId: string;
  name?: string | undefined;
  description?: string | undefined;
  tags?: string[] | undefined;
}

/** objects.edit: only the fields given, each with its XAPI setter; returns the fields it set. */
export async function editObject(deps: ActionDeps, edit: ObjectEdit): Promise<string[]> {
  const object = deps.mirror.object(edit.objectId);
  if (!object) throw new ApiFailure(XenithErrorCode.notFound, `There is no object ${edit.objectId} in a connected pool. It may have been deleted.`, { params: [edit.objectId] });
  if (!editableClasses.has(object.$type)) {
    throw new ApiFailure(XenithErrorCode.validation, `The name, description and tags of a ${object.$type} cannot be edited here.`, { params: [object.$type] });
  }
  const setters: [field: string, method: string, value: unknown][] = [];
  if (edit.name !== undefined) setters.push(['name', 'set_name_label', edit.name]);
  if (edit.description !== undefined) setters.push(['description', 'set_name_description', edit.description]);
  if (edit.tags !== undefined) setters.push(['tags', 'set_tags', [...new Set(edit.tags)]]);
  return callNow(deps, object.$pool, async (client) => {
    for (const [, method, value] of setters) await client.call(`${object.$type}.${method}`, object.$id, value);
    return setters.map(([field]) => field);
  });
}
