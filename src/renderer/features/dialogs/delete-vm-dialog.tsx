import { useMemo, useState } from 'react';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { formatBytes } from '../details/format.js';
import { DialogFrame } from './dialog-frame.js';
import { nameOf } from '../../store/mirror-read.js';
import { keyForObject } from '../tree/tree-ui-store.js';
import { parentKeyOf, selectParentWhenDeleted } from './select-after-delete.js';
import { useDialogCall } from './use-dialog-call.js';
import { useMirror } from './use-mirror.js';
import { defaultDeleteChoice, disksOfVm, snapshotsOfVm } from './vm-disks.js';

function toggled(set: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * Delete VM (halted VMs only): which of its disks and snapshots go with it. Disks other VMs also use start
 * unchecked and say which VMs would lose them; Cancel is focused first, as for every destructive action.
 */
export function DeleteVmDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const mirror = useMirror();
  const disks = useMemo(() => disksOfVm(mirror, vmId), [mirror, vmId]);
  const snapshots = useMemo(() => snapshotsOfVm(mirror, vmId), [mirror, vmId]);
  const [choice, setChoice] = useState(() => defaultDeleteChoice(disks, snapshots));
  const { busy, error, call } = useDialogCall();
  const name = nameOf(vm);
  const blockedBy = !vm ? 'The VM is gone' : vm.power_state !== 'Halted' ? `Shut down '${name}' before deleting it` : null;

  const submit = async () => {
    const deleteVdiIds = disks.filter((disk) => choice.vdiIds.has(disk.vdiId)).map((disk) => disk.vdiId);
    const deleteSnapshotIds = snapshots.filter((snapshot) => choice.snapshotIds.has(snapshot.id)).map((snapshot) => snapshot.id);
    const output = await call('vm.delete', { vmId, deleteVdiIds, deleteSnapshotIds });
    if (!output) return;
    if (vm) selectParentWhenDeleted(output.jobIds, keyForObject(vm), parentKeyOf(mirror, vm));
    onClose();
  };

  return (
    <DialogFrame
      title={vm?.is_a_template ? 'Delete Template' : 'Delete VM'}
      intro={`Delete '${name}'? The checked disks and snapshots are deleted with it; this cannot be undone.`}
      className="delete-vm-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Delete"
      busyLabel="Deleting…"
      busy={busy}
      blockedBy={blockedBy}
      danger
      error={error}
    >
      <fieldset className="choice-list" disabled={busy}>
        <legend>Disks to delete</legend>
        {disks.length === 0 && <p className="dialog-note">This VM has no disks.</p>}
        {disks.map((disk) => (
          <label key={disk.vdiId} className={disk.sharedWith.length > 0 ? 'check choice shared' : 'check choice'}>
            <input
              type="checkbox"
              checked={choice.vdiIds.has(disk.vdiId)}
              onChange={(event) => setChoice({ ...choice, vdiIds: toggled(choice.vdiIds, disk.vdiId, event.target.checked) })}
            />
            <span className="choice-name">{disk.name || '(unnamed disk)'}</span>
            <span className="choice-detail">
              {formatBytes(disk.sizeBytes)} on {disk.srName}
              {disk.sharedWith.length > 0 && <strong className="shared-mark"> — also used by {disk.sharedWith.join(', ')}</strong>}
            </span>
          </label>
        ))}
      </fieldset>
      {snapshots.length > 0 && (
        <fieldset className="choice-list" disabled={busy}>
          <legend>Snapshots to delete</legend>
          {snapshots.map((snapshot) => (
            <label key={snapshot.id} className="check choice">
              <input
                type="checkbox"
                checked={choice.snapshotIds.has(snapshot.id)}
                onChange={(event) => setChoice({ ...choice, snapshotIds: toggled(choice.snapshotIds, snapshot.id, event.target.checked) })}
              />
              <span className="choice-name">{snapshot.name}</span>
            </label>
          ))}
        </fieldset>
      )}
    </DialogFrame>
  );
}
