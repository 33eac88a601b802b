import { XenithErrorCode } from '../../shared/api/errors.js';
import { isOfType } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { assertSamePool, findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { insertIso } from './vm-create-devices.js';

/**
 * vm.setCd, the Console tab's DVD drive: the ISO goes in the VM's CD drive (the one in it is ejected first, an empty
 * drive is added when the VM has none), or the drive is emptied. The ISO must be an ISO-library disk of the pool.
 */
export function runVmSetCd(deps: ActionDeps, vmId: string, isoId: string | null): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const iso = isoId === null ? null : findObject(deps.mirror, isoId, 'VDI');
  if (iso) {
    assertSamePool(vm, iso);
    const sr = deps.mirror.object(iso.SR);
    if (!isOfType(sr, 'SR') || sr.content_type !== 'iso') {
      throw new ApiFailure(XenithErrorCode.validation, `${quoted(iso)} is not an ISO image. Choose one from an ISO library.`, { params: [iso.$id] });
    }
  }
  const drive = deps.mirror.referrers('VBD.VM', vm.$id).find((vbd) => vbd.type === 'CD');
  const title = iso ? `Inserting ${quoted(iso)} into ${quoted(vm)}` : `Ejecting the DVD of ${quoted(vm)}`;
  return startPoolJob(deps, { poolId: vm.$pool, title, action: 'vm.setCd', objectIds: [vm.$id], cancellable: false }, async (xapi) => {
    if (iso) {
      await insertIso(xapi, vm.$id, iso);
      return;
    }
    if (drive && !(await xapi.call<boolean>('VBD.get_empty', drive.$id))) await xapi.task('VBD.eject', [drive.$id]);
  });
}
