import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { assertSamePool, findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** The fields of a VBD that a disk keeps when it is swapped for its copy. */
type VbdSpec = Pick<XapiRecord<'VBD'>, 'VM' | 'userdevice' | 'bootable' | 'mode' | 'type' | 'unpluggable' | 'other_config' | 'qos_algorithm_type' | 'qos_algorithm_params'>;

function vbdSpec(vbd: XapiRecord<'VBD'>): VbdSpec {
  const { VM, userdevice, bootable, mode, type, unpluggable, other_config, qos_algorithm_type, qos_algorithm_params } = vbd;
  return { VM, userdevice, bootable, mode, type, unpluggable, other_config, qos_algorithm_type, qos_algorithm_params };
}

function createVbd(xapi: JobXapi, spec: VbdSpec, vdi: string): Promise<string> {
  return xapi.call<string>('VBD.create', { ...spec, VDI: vdi, empty: false });
}

/**
 * A halted VM's (or a free) disk moved by copying: VDI.copy to the SR, each VBD swapped to the copy at the same
 * position, then the original destroyed. Until the original is gone every step is undone on failure: swapped
 * VBDs go back to the original and the copy is destroyed.
 */
async function moveByCopy(deps: ActionDeps, xapi: JobXapi, vdi: XapiRecord<'VDI'>, sr: XapiRecord<'SR'>): Promise<string> {
  const copy = await xapi.taskRef('VDI.copy', [vdi.$id, sr.$id], [0, 0.8]);
  const vbds = vdi.VBDs.map((ref) => deps.mirror.get(ref, 'VBD')).filter((vbd): vbd is XapiRecord<'VBD'> => vbd !== undefined);
  const swapped: { spec: VbdSpec; made: string | null }[] = [];
  try {
    for (const vbd of vbds) {
      const entry: { spec: VbdSpec; made: string | null } = { spec: vbdSpec(vbd), made: null };
      await xapi.call('VBD.destroy', vbd.$id);
      swapped.push(entry);
      entry.made = await createVbd(xapi, entry.spec, copy);
    }
  } catch (error) {
    for (const { spec, made } of swapped.reverse()) {
      if (made) await xapi.call('VBD.destroy', made).catch(() => {});
      await createVbd(xapi, spec, vdi.$id).catch(() => {});
    }
    await xapi.call('VDI.destroy', copy).catch(() => {});
    throw error;
  }
  await xapi.task('VDI.destroy', [vdi.$id], [0.8, 1]);
  return copy;
}

/**
 * vdi.move (Move…): a disk a running VM uses moves live (VDI.pool_migrate: the VM keeps running and writing);
 * otherwise it is copied to the SR and the original deleted. The disk's new ref is the job's result.
 */
export function runVdiMove(deps: ActionDeps, vdiId: string, srId: string): string {
  const vdi = findObject(deps.mirror, vdiId, 'VDI');
  const sr = findObject(deps.mirror, srId, 'SR');
  assertSamePool(vdi, sr);
  if (vdi.SR === sr.$id) throw new ApiFailure('VALIDATION', `${quoted(vdi)} is already on ${quoted(sr)}. Choose another SR.`);
  const live = vdi.VBDs.some((ref) => deps.mirror.get(ref, 'VBD')?.currently_attached === true);
  const spec = { poolId: vdi.$pool, title: `Moving disk ${quoted(vdi)} to ${quoted(sr)}`, action: 'vdi.move', objectIds: [vdi.$id, sr.$id], cancellable: live };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const moved = live ? await xapi.taskRef('VDI.pool_migrate', [vdi.$id, sr.$id, {}]) : await moveByCopy(deps, xapi, vdi, sr);
    await mirrorShows(deps.mirror, 'VDI', moved, (object) => object.SR === sr.$id);
    job.setResult(moved);
  });
}
