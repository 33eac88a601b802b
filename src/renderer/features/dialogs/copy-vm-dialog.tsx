import { useId, useMemo, useState } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { useAppStore } from '../../store/app-store.js';
import { formatBytes } from '../details/format.js';
import { copyName } from './clone-vm-dialog.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { defaultDiskSr, diskSrsOfPool } from './pool-resources.js';
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
 * copy is selected when its job succeeds; the description is set on it then (vm.copy takes none).
 */
export function CopyVmDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const ids = useId();
  const bridge = useBridge();
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const poolId = vm?.$pool ?? '';
  const mirror = useMirror();
  const srChoices = useMemo(() => diskSrsOfPool(mirror, poolId), [mirror, poolId]);
  const disks = useMemo(() => disksOfVm(mirror, vmId), [mirror, vmId]);
  const [name, setName] = useState(() => copyName(nameOf(vm)));
  const [description, setDescription] = useState(() => vm?.name_description ?? '');
  const [srId, setSrId] = useState<string>(() => defaultDiskSr(mirror, poolId, srChoices) ?? sameSrs);
  const { busy, error, call } = useDialogCall();
  const neededBytes = useMemo(() => disks.reduce((sum, disk) => sum + disk.sizeBytes, 0), [disks]);
  const target = srChoices.find((choice) => choice.id === srId);

  const blockedBy = !vm
    ? 'The VM is gone'
    : name.trim() === ''
      ? 'Enter a name'
      : target && neededBytes > target.freeBytes
        ? `${target.name} has ${formatBytes(target.freeBytes)} free; the disks need ${formatBytes(neededBytes)}`
        : null;

  const submit = async () => {
    const output = await call('vm.copy', { vmId, name: name.trim(), srId: srId === sameSrs ? null : srId });
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

  return (
    <DialogFrame
      title="Copy VM"
      intro={`A full copy of '${nameOf(vm)}' (${disks.length} ${disks.length === 1 ? 'disk' : 'disks'}, ${formatBytes(neededBytes)}).`}
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
      <SrSelect label="Storage:" value={srId} choices={srChoices} onChange={setSrId} extra={{ value: sameSrs, label: 'Each disk on its current SR' }} disabled={busy} />
    </DialogFrame>
  );
}
