import { nullRef } from '../../shared/xapi/objects.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { quoted, startPoolJob } from './action-context.js';
import { findSnapshot, type SnapshotDeps } from './snapshot-context.js';

/** Destroys a VM this job made, and the disks it made with it (VM.destroy leaves VDIs). */
async function destroyWithDisks(xapi: JobXapi, vmRef: string): Promise<void> {
  const vdis: string[] = [];
  for (const vbd of await xapi.call<string[]>('VM.get_VBDs', vmRef)) {
    const record = await xapi.call<{ type: string; VDI: string }>('VBD.get_record', vbd);
    if (record.type === 'Disk' && record.VDI !== nullRef) vdis.push(record.VDI);
  }
  await xapi.call('VM.destroy', vmRef);
  for (const vdi of vdis) await xapi.call('VDI.destroy', vdi).catch(() => undefined);
}

/**
 * snapshot.newVm: New VM from Snapshot… and New Template from Snapshot…: VM.clone of the snapshot (copy-on-write
 * disks on the same SRs), which XAPI makes a template; a new VM is then made a VM. The job's result is the new
 * object, so the UI can select it.
 */
export function runSnapshotNewVm(deps: SnapshotDeps, snapshotId: string, name: string, asTemplate: boolean): string {
  const snapshot = findSnapshot(deps, snapshotId);
  const title = `Creating ${asTemplate ? 'template' : 'VM'} '${name}' from snapshot ${quoted(snapshot)}`;
  return startPoolJob(deps, { poolId: snapshot.$pool, title, action: asTemplate ? 'snapshot.newTemplate' : 'snapshot.newVm', objectIds: [snapshot.$id], cancellable: true }, async (xapi, job) => {
    const made = await xapi.taskRef('VM.clone', [snapshot.$id, name], [0, 0.9]);
    try {
      job.throwIfCancelled();
      await xapi.call('VM.set_is_a_template', made, asTemplate);
    } catch (error) {
      // Half made (a template where a VM was asked for): remove it and its disks rather than leave a surprise behind.
      await destroyWithDisks(xapi, made).catch(() => undefined);
      throw error;
    }
    await mirrorShows(deps.mirror, made, (object) => object.is_a_template === asTemplate);
    job.setResult(made);
  });
}
