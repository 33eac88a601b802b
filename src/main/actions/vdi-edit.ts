import { formatByteSize } from '../../shared/xapi/error-sentences.js';
import { ApiFailure } from '../api/failure.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

export interface VdiEditInput {
  vdiId: string;
  name?: string | undefined;
  description?: string | undefined;
  size?: number | undefined;
}

/**
 * vdi.edit (a disk's Properties): name and description with their setters, and a larger size — VDI.resize_online
 * while a running VM has the disk plugged (it grows under the guest), VDI.resize otherwise. A disk is never made
 * smaller (XAPI cannot): that is refused before anything changes.
 */
export function runVdiEdit(deps: ActionDeps, input: VdiEditInput): string {
  const vdi = findObject(deps.mirror, input.vdiId, 'VDI');
  const grow = input.size !== undefined && input.size !== vdi.virtual_size;
  if (grow && input.size! < vdi.virtual_size) {
    throw new ApiFailure('VDI_TOO_SMALL', `A disk cannot be made smaller: ${quoted(vdi)} is ${formatByteSize(vdi.virtual_size)}. Enter that size or more.`, { params: [vdi.$id, String(vdi.virtual_size)] });
  }
  const online = vdi.VBDs.some((ref) => deps.mirror.get(ref, 'VBD')?.currently_attached === true);
  const spec = { poolId: vdi.$pool, title: `Changing disk ${quoted(vdi)}`, action: 'vdi.edit', objectIds: [vdi.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    if (input.name !== undefined && input.name !== vdi.name_label) await xapi.call('VDI.set_name_label', vdi.$id, input.name);
    if (input.description !== undefined && input.description !== vdi.name_description) await xapi.call('VDI.set_name_description', vdi.$id, input.description);
    if (grow) {
      await xapi.task(online ? 'VDI.resize_online' : 'VDI.resize', [vdi.$id, input.size!], [0.1, 1]);
      await mirrorShows(deps.mirror, 'VDI', vdi.$id, (object) => object.virtual_size >= input.size!);
    }
  });
}
