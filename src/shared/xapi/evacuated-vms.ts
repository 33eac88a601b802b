/**
 * XenCenter's record of what left a server for maintenance, in the host's other_config as comma-separated VM
 * uuids, so Exit Maintenance Mode can offer to put each back: migrated VMs migrate back, suspended ones resume
 * there, shut-down ones start there. Xenith reads and writes the same keys.
 */
export const evacuatedKeys = {
  migrated: 'MAINTENANCE_MODE_EVACUATED_VMS_MIGRATED',
  suspended: 'MAINTENANCE_MODE_EVACUATED_VMS_SUSPENDED',
  halted: 'MAINTENANCE_MODE_EVACUATED_VMS_HALTED',
} as const;

export type EvacuatedKind = keyof typeof evacuatedKeys;

export const evacuatedKinds = Object.keys(evacuatedKeys) as EvacuatedKind[];

/** The power state a VM of each list must still be in to be put back (a VM someone has moved or started since is left alone). */
export const evacuatedState: Readonly<Record<EvacuatedKind, 'Running' | 'Suspended' | 'Halted'>> = { migrated: 'Running', suspended: 'Suspended', halted: 'Halted' };

/** The uuids of each list in a host's other_config. */
export function evacuatedUuids(otherConfig: Readonly<Record<string, string>>): Record<EvacuatedKind, string[]> {
  const lists = {} as Record<EvacuatedKind, string[]>;
  for (const kind of evacuatedKinds) lists[kind] = (otherConfig[evacuatedKeys[kind]] ?? '').split(',').filter(Boolean);
  return lists;
}

/**
 * The VMs of each list that can be put back now, given a way to find a VM by uuid: still in the state they left
 * in, and (migrated ones) not already on the server.
 */
export function evacuatedVmsOf<V extends { readonly uuid: string; readonly power_state: string; readonly resident_on: string }>(
  host: { readonly $id: string; readonly other_config: Readonly<Record<string, string>> },
  vmByUuid: (uuid: string) => V | undefined,
): Record<EvacuatedKind, V[]> {
  const uuids = evacuatedUuids(host.other_config);
  const lists = {} as Record<EvacuatedKind, V[]>;
  for (const kind of evacuatedKinds) {
    lists[kind] = uuids[kind].flatMap((uuid) => vmByUuid(uuid) ?? []).filter((vm) => vm.power_state === evacuatedState[kind] && (kind !== 'migrated' || vm.resident_on !== host.$id));
  }
  return lists;
}
