/** VM snapshots: halted template copies of a VM with snapshot VDIs on the same SRs. */
import { SNAPSHOT_NAMES } from './names.js';
import type { PoolContext } from './pool-context.js';
import { addDiskVbd, addVif } from './vm-devices.js';
import { addVmMetrics } from './vm-runtime.js';
import type { VmPlan } from './vm-plan.js';
import { addVdi, type SrHandle, type VdiSpec } from './storage.js';

export interface DiskInfo {
  vdi: string;
  sr: SrHandle;
  spec: VdiSpec;
}

export interface VifInfo {
  network: string;
  mac: string;
}

/** Adds one snapshot of `vm` taken at `time`; returns its ref. */
export function addSnapshot(
  ctx: PoolContext,
  vm: string,
  vmFields: Record<string, unknown>,
  plan: VmPlan,
  disks: readonly DiskInfo[],
  vifs: readonly VifInfo[],
  time: Date,
): string {
  const { b } = ctx;
  const ref = b.newRef();
  const label = b.rng.pick(SNAPSHOT_NAMES);
  const metrics = addVmMetrics(b, plan, false, time, time);
  b.put('VM', ref, {
    ...vmFields,
    uuid: b.rng.uuid(),
    name_label: `${plan.name} (${label})`,
    name_description: `Snapshot of ${plan.name}`,
    power_state: 'Halted',
    is_a_template: true,
    is_default_template: false,
    is_a_snapshot: true,
    snapshot_of: vm,
    snapshot_time: time,
    resident_on: 'OpaqueRef:NULL',
    scheduled_to_be_resident_on: 'OpaqueRef:NULL',
    suspend_VDI: 'OpaqueRef:NULL',
    guest_metrics: 'OpaqueRef:NULL',
    parent: 'OpaqueRef:NULL',
    domid: -1,
    metrics,
    tags: [],
  });
  disks.forEach((d, userdevice) => {
    const copy = addVdi(b, d.sr, {
      ...d.spec,
      name: d.spec.name,
      used: 0.05,
      snapshotOf: d.vdi,
      snapshotTime: time,
      tags: [],
    });
    addDiskVbd(b, ref, copy, userdevice, false);
  });
  vifs.forEach((v, device) => addVif(b, ref, v.network, device, v.mac, false));
  return ref;
}
