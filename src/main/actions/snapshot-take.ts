import { snapshotScreenshotBlobName } from '../../shared/api/methods/snapshots.js';
import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import type { JobXapi, ProgressSpan } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { writeBlob } from '../transfer/xapi-blob.js';
import { poolClient, quoted, startPoolJob } from './action-context.js';
import { findSnapshottableVm, type SnapshotDeps } from './snapshot-context.js';

export interface SnapshotRequest {
  vmId: string;
  name: string;
  description: string;
  memory: boolean;
  quiesce: boolean;
}

/** The XAPI call for each kind of snapshot (XenCenter's Snapshot mode). */
function snapshotCall(request: SnapshotRequest, vmRef: string): [method: string, args: unknown[]] {
  if (request.memory) return ['VM.checkpoint', [vmRef, request.name]];
  if (request.quiesce) return ['VM.snapshot_with_quiesce', [vmRef, request.name]];
  return ['VM.snapshot', [vmRef, request.name]];
}

/**
 * Takes one snapshot inside a job: the console screen first (a running VM; XenCenter grabs it before the
 * snapshot so it shows the moment the snapshot keeps), then the snapshot, its description, and the screenshot as a
 * PNG blob on the snapshot (`VM.create_new_blob` + PUT /blob). A screenshot that fails is left out, never the
 * snapshot. Returns the snapshot's ref once the mirror shows it.
 */
export async function takeSnapshot(deps: SnapshotDeps, xapi: JobXapi, vm: LooseXapiObject, request: SnapshotRequest, span: ProgressSpan): Promise<string> {
  const [from, to] = span;
  const at = (fraction: number) => from + (to - from) * fraction;
  const screenshot = vm.power_state === 'Running' ? await deps.screenshot(vm.$id).catch(() => null) : null;
  const [method, args] = snapshotCall(request, vm.$id);
  const snapshot = await xapi.taskRef(method, args, [at(0.05), at(0.9)]);
  if (request.description !== '') await xapi.call('VM.set_name_description', snapshot, request.description);
  if (screenshot) {
    try {
      const blob = await xapi.call<string>('VM.create_new_blob', snapshot, snapshotScreenshotBlobName, 'image/png', false);
      await writeBlob(poolClient(deps.pools, vm.$pool), blob, screenshot);
    } catch {
      // As in XenCenter: a snapshot without its thumbnail is still the snapshot the person asked for.
    }
  }
  await mirrorShows(deps.mirror, snapshot, (object) => object.is_a_snapshot === true && (request.description === '' || object.name_description === request.description));
  return snapshot;
}

/** vm.snapshot: Take Snapshot… (disks only, quiesced, or disks and memory); the job's result is the snapshot. */
export function runVmSnapshot(deps: SnapshotDeps, request: SnapshotRequest): string {
  const vm = findSnapshottableVm(deps, request.vmId);
  const title = `Taking snapshot '${request.name}' of VM ${quoted(vm)}${request.memory ? ' (with memory)' : ''}`;
  return startPoolJob(deps, { poolId: vm.$pool, title, action: 'vm.snapshot', objectIds: [vm.$id], cancellable: true }, async (xapi, job) => {
    job.setResult(await takeSnapshot(deps, xapi, vm, request, [0, 1]));
  });
}
