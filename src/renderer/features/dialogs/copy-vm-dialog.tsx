import { useId, useMemo, useState } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { useAppStore } from '../../store/app-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { formatBytes } from '../details/format.js';
import { copyName, vmNamesOfPool } from './clone-vm-dialog.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { defaultDiskSr, diskSrsOfPool, hostsOfPool } from './pool-resources.js';
import { nameOf } from '../../store/mirror-read.js';
import { selectCreatedWhenDone } from './select-created-vm.js';
import { SrSelect } from './sr-select.js';
import { useDialogCall } from './use-dialog-call.js';
import { useMirror } from './use-mirror.js';
import { disksOfVm } from './vm-disks.js';

/** The SR choice value meaning "each disk stays on its own SR" (vm.copy's srId null). */
const sameSrs = '';

/**
 * Copy VM: a full copy with a new name and description, onto one chosen SR (or each disk on its own SR). The
 * destination list shows every connected pool: within the VM's own pool it is XAPI's VM.copy; to another pool,
 * vm.copyToPool (storage motion when XAPI allows it, else streamed through Xenith). The copy is selected when its
 * job succeeds; the description is set on it then (neither call takes one).
 */
export function CopyVmDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const ids = useId();
  const bridge = useBridge();
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const ownPool = vm?.$pool ?? '';
  const pools = usePoolsStore((state) => state.pools);
  // Within its own pool XAPI copies only what it allows (a halted VM); another pool takes a running VM too.
  const copiesInPool = vm?.allowed_operations.includes('copy') ?? false;
  const destinations = useMemo(
    () => [...pools.values()].filter((pool) => pool.state === 'connected' && (pool.poolId !== ownPool || copiesInPool)),
    [pools, ownPool, copiesInPool],
  );
  const [poolId, setPoolId] = useState(() => (copiesInPool ? ownPool : (destinations[0]?.poolId ?? ownPool)));
  const crossPool = poolId !== ownPool;
  const mirror = useMirror();
  const srChoices = useMemo(() => diskSrsOfPool(mirror, poolId), [mirror, poolId]);
  const disks = useMemo(() => disksOfVm(mirror, vmId), [mirror, vmId]);
  const [name, setName] = useState(() => copyName(nameOf(vm), vmNamesOfPool(vm?.$pool)));
  const [description, setDescription] = useState(() => vm?.name_description ?? '');
  const [srId, setSrId] = useState<string>(() => defaultDiskSr(mirror, poolId, srChoices) ?? sameSrs);
  const { busy, error, call } = useDialogCall();
  const neededBytes = useMemo(() => disks.reduce((sum, disk) => sum + disk.sizeBytes, 0), [disks]);
  const target = srChoices.find((choice) => choice.id === srId);

  const blockedBy = !vm
    ? 'The VM is gone'
    : name.trim() === ''
      ? 'Enter a name'
      : crossPool && !target
        ? 'Choose a storage repository of the destination pool'
        : target && neededBytes > target.freeBytes
          ? `${target.name} has ${formatBytes(target.freeBytes)} free; the disks need ${formatBytes(neededBytes)}`
          : null;

  const chooseDestination = (next: string) => {
    setPoolId(next);
    const choices = diskSrsOfPool(mirror, next);
    setSrId(defaultDiskSr(mirror, next, choices) ?? (next === ownPool ? sameSrs : ''));
  };

  const submit = async () => {
    const output = crossPool
      ? await call('vm.copyToPool', { vmId, targetPoolId: poolId, srId, name: name.trim() })
      : await call('vm.copy', { vmId, name: name.trim(), srId: srId === sameSrs ? null : srId });
    if (!output) return;
    const wanted = description;
    const original = vm?.name_description ?? '';
    selectCreatedWhenDone(output.jobIds, (copyId) => {
      if (wanted === original) return;
      void bridge.call('objects.edit', { objectId: copyId, description: wanted }).then((result) => {
        if (!result.ok) useAppStore.getState().setError(result.error);
      });
    });
    onClose();
  };

  const hostNames = (id: string) => {
    const names = hostsOfPool(mirror, id).map((host) => nameOf(host));
    return names.length > 0 ? ` — ${names.join(', ')}` : '';
  };

  return (
    <DialogFrame
      title={vm?.is_a_template ? 'Copy Template' : 'Copy VM'}
      intro={`A full copy of '${nameOf(vm)}' (${disks.length} ${disks.length === 1 ? 'disk' : 'disks'}, ${formatBytes(neededBytes)})${crossPool ? ' to another pool: host to host when XAPI allows it, else streamed through Xenith' : ''}.`}
      className="copy-vm-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Copy"
      busyLabel="Copying…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={name} onChange={setName} disabled={busy} />
      <div className="field">
        <label htmlFor={`${ids}-description`}>Description:</label>
        <input id={`${ids}-description`} value={description} onChange={(event) => setDescription(event.target.value)} disabled={busy} maxLength={1000} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-destination`}>Destination:</label>
        <select id={`${ids}-destination`} value={poolId} onChange={(event) => chooseDestination(event.target.value)} disabled={busy}>
          {destinations.map((pool) => (
            <option key={pool.poolId} value={pool.poolId}>
              {`${pool.label || pool.address}${pool.poolId === ownPool ? ' (this pool)' : ''}${hostNames(pool.poolId)}`}
            </option>
          ))}
        </select>
      </div>
      <SrSelect
        label="Storage:"
        value={srId}
        choices={srChoices}
        onChange={setSrId}
        {...(crossPool ? {} : { extra: { value: sameSrs, label: 'Each disk on its current SR' } })}
        disabled={busy}
      />
    </DialogFrame>
  );
}
