import { useState } from 'react';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { nameOf } from '../../store/mirror-read.js';
import { selectCreatedWhenDone } from './select-created-vm.js';
import { useDialogCall } from './use-dialog-call.js';

/** XenCenter's default name for a clone or copy. */
export function copyName(original: string): string {
  return `Copy of ${original}`;
}

/** Clone VM: a fast copy-on-write clone on the same SRs; the clone is selected when its job succeeds. */
export function CloneVmDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const [name, setName] = useState(() => copyName(nameOf(vm)));
  const { busy, error, call } = useDialogCall();
  const blockedBy = !vm ? 'The VM is gone' : name.trim() === '' ? 'Enter a name' : null;

  const submit = async () => {
    const output = await call('vm.clone', { vmId, name: name.trim() });
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };
  return (
    <DialogFrame
      title="Clone VM"
      intro={`A fast clone of '${nameOf(vm)}' shares its disks copy-on-write, on the same storage.`}
      className="clone-vm-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Clone"
      busyLabel="Cloning…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={name} onChange={setName} disabled={busy} />
    </DialogFrame>
  );
}
