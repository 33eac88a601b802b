import { useState } from 'react';
import { useObjectsStore, selectObject } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { nameOf } from '../../store/mirror-read.js';
import { useDialogCall } from './use-dialog-call.js';

/** Rename (F2) of a VM, server, pool, SR or network: one name field, Enter submits, objects.edit. */
export function RenameDialog({ objectId, onClose }: { objectId: string; onClose(): void }) {
  const object = useObjectsStore(selectObject(objectId));
  const current = nameOf(object);
  const [name, setName] = useState(current);
  const { busy, error, call } = useDialogCall();
  const trimmed = name.trim();
  const blockedBy = !object ? 'This object is gone' : trimmed === '' ? 'Enter a name' : trimmed === current ? 'Type a new name' : null;

  const submit = async () => {
    const output = await call('objects.edit', { objectId, name: trimmed });
    if (output) onClose();
  };
  return (
    <DialogFrame
      title="Rename"
      intro={`Enter a new name for '${current}'.`}
      className="rename-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Rename"
      busyLabel="Renaming…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={name} onChange={setName} disabled={busy} />
    </DialogFrame>
  );
}
