import { useState } from 'react';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { selectCreatedWhenDone } from './select-created-vm.js';
import { useDialogCall } from './use-dialog-call.js';

/**
 * New VM from Snapshot… and New Template from Snapshot…: a name, then a fast clone of the snapshot's disks on the
 * same storage. The new VM or template is selected when its job succeeds.
 */
export function NewVmFromSnapshotDialog({ snapshotId, asTemplate, onClose }: { snapshotId: string; asTemplate: boolean; onClose(): void }) {
  const snapshot = useObjectsStore(selectObject(snapshotId, 'VM'));
  const [name, setName] = useState(() => (asTemplate ? `Template from ${nameOf(snapshot)}` : `${nameOf(snapshot)} VM`));
  const { busy, error, call } = useDialogCall();
  const noun = asTemplate ? 'template' : 'VM';
  const blockedBy = !snapshot ? 'The snapshot is gone' : name.trim() === '' ? 'Enter a name' : null;

  const submit = async () => {
    const output = await call('snapshot.newVm', { snapshotId, name: name.trim(), asTemplate });
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };
  return (
    <DialogFrame
      title={asTemplate ? 'New Template from Snapshot' : 'New VM from Snapshot'}
      intro={`A new ${noun} made from the snapshot '${nameOf(snapshot)}': its disks are fast copy-on-write clones, on the same storage.`}
      className="new-vm-from-snapshot-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel={asTemplate ? 'Create Template' : 'Create VM'}
      busyLabel="Creating…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={name} onChange={setName} disabled={busy} />
    </DialogFrame>
  );
}
