import { useState } from 'react';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { useDialogCall } from './use-dialog-call.js';

/**
 * Revert To… (XenCenter's warning): what is lost, the offer to snapshot the current state first (checked, as in
 * XenCenter), and what happens to the power state (a VM snapshotted while running runs again, from the memory
 * image when the snapshot has one).
 */
export function RevertSnapshotDialog({ snapshotId, onClose }: { snapshotId: string; onClose(): void }) {
  const snapshot = useObjectsStore(selectObject(snapshotId, 'VM'));
  const vm = useObjectsStore(selectObject(snapshot?.snapshot_of ?? '', 'VM'));
  const [takeSnapshotFirst, setTakeSnapshotFirst] = useState(true);
  const { busy, error, call } = useDialogCall();
  const vmName = nameOf(vm);
  const ranThen = snapshot?.snapshot_info['power-state-at-snapshot'] === 'Running' || snapshot?.power_state === 'Suspended';
  const blockedBy = !snapshot ? 'The snapshot is gone' : !vm ? 'The VM of this snapshot is gone' : null;

  const submit = async () => {
    if (await call('snapshot.revert', { snapshotId, takeSnapshotFirst })) onClose();
  };
  return (
    <DialogFrame
      title="Revert to Snapshot"
      intro={`Revert '${vmName}' to the snapshot '${nameOf(snapshot)}'? Everything that changed in the VM since that snapshot is lost.`}
      className="revert-snapshot-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Revert"
      busyLabel="Reverting…"
      busy={busy}
      blockedBy={blockedBy}
      danger
      error={error}
    >
      <label className="check">
        <input type="checkbox" checked={takeSnapshotFirst} disabled={busy} onChange={(event) => setTakeSnapshotFirst(event.target.checked)} />
        Take a snapshot of the current state before reverting
      </label>
      <p className="dialog-note">
        {snapshot?.power_state === 'Suspended'
          ? 'This snapshot kept the memory: the VM resumes where it was, on the server it runs on now when that server can take it.'
          : ranThen
            ? 'The VM ran when this snapshot was taken: it is started again after the revert.'
            : 'The VM was off when this snapshot was taken: it stays off after the revert.'}
      </p>
    </DialogFrame>
  );
}
