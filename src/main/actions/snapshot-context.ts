import { XenithErrorCode } from '../../shared/api/errors.js';
import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { findObject, quoted, type ActionDeps } from './action-context.js';

/** What the snapshot actions need beyond every action's: a PNG of a running VM's console screen. */
export interface SnapshotDeps extends ActionDeps {
  /** Null when the VM has no console to grab; throws when grabbing fails (the snapshot goes on without it). */
  screenshot(vmId: string): Promise<Buffer | null>;
}

/** A snapshot (a VM record with is_a_snapshot), or a failure saying what the id is instead. */
export function findSnapshot(deps: ActionDeps, snapshotId: string): LooseXapiObject {
  const snapshot = findObject(deps.mirror, snapshotId, 'VM');
  if (snapshot.is_a_snapshot !== true) throw new ApiFailure(XenithErrorCode.validation, `${quoted(snapshot)} is not a snapshot.`, { params: [snapshotId] });
  return snapshot;
}

/** The VM a snapshot was taken of, while it still exists. */
export function snapshotVm(deps: ActionDeps, snapshot: LooseXapiObject): LooseXapiObject {
  const vm = typeof snapshot.snapshot_of === 'string' ? deps.mirror.get(snapshot.snapshot_of, 'VM') : undefined;
  if (!vm) throw new ApiFailure(XenithErrorCode.notFound, `The VM snapshot ${quoted(snapshot)} was taken of no longer exists.`, { params: [snapshot.$id] });
  return vm;
}

/** A VM a person can snapshot: not a template, snapshot or control domain. */
export function findSnapshottableVm(deps: ActionDeps, vmId: string): LooseXapiObject {
  const vm = findObject(deps.mirror, vmId, 'VM');
  if (vm.is_a_template === true || vm.is_a_snapshot === true || vm.is_control_domain === true) {
    throw new ApiFailure(XenithErrorCode.validation, `${quoted(vm)} is a ${vm.is_control_domain === true ? 'control domain' : vm.is_a_snapshot === true ? 'snapshot' : 'template'}; only VMs can be snapshotted.`, { params: [vmId] });
  }
  return vm;
}
