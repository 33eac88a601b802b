import { useState } from 'react';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { nameOf, objectsOfType } from '../../store/mirror-read.js';
import { selectCreatedWhenDone } from './select-created-vm.js';
import { useDialogCall } from './use-dialog-call.js';

/**
 * XenCenter's default name for a clone or copy, made unique: "Copy of web-01", else "Copy of web-01 (2)", (3)…
 * so the proposal never names a VM that exists already.
 */
export function copyName(original: string, taken: ReadonlySet<string> = new Set()): string {
  const base = `Copy of ${original}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** The names of the VMs and templates of a pool, as the mirror has them now (for copyName). */
export function vmNamesOfPool(poolId: string | undefined): Set<string> {
  return new Set(poolId === undefined ? [] : objectsOfType(useObjectsStore.getState(), 'VM', poolId).map((vm) => vm.name_label));
}

/** Clone VM: a fast copy-on-write clone on the same SRs; the clone is selected when its job succeeds. */
export function CloneVmDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const [name, setName] = useState(() => copyName(nameOf(vm), vmNamesOfPool(vm?.$pool)));
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
