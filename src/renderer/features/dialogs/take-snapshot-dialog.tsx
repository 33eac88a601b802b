import { useId, useState } from 'react';
import { allows } from '../../commands/selection-facts.js';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DescriptionField } from './description-field.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { useDialogCall } from './use-dialog-call.js';

type Mode = 'disks' | 'quiesce' | 'memory';

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** The name a new snapshot gets until the person types one: the VM's name and the time. */
export function defaultSnapshotName(vmName: string, now: Date): string {
  const date = `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())} ${twoDigits(now.getHours())}:${twoDigits(now.getMinutes())}`;
  return `${vmName} ${date}`;
}

/**
 * Take Snapshot… (XenCenter's dialog): name, description and the snapshot mode — the disks, the disks quiesced
 * first (only where the VM allows it: Windows guests with VSS), or the disks and memory (a running VM), which a
 * revert resumes from. A running VM's console screen is kept with the snapshot as its thumbnail.
 */
export function TakeSnapshotDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const ids = useId();
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const vmName = nameOf(vm);
  const [name, setName] = useState(() => defaultSnapshotName(vmName, new Date()));
  const [description, setDescription] = useState('');
  const canQuiesce = vm !== undefined && allows(vm, 'snapshot_with_quiesce');
  const canMemory = vm !== undefined && allows(vm, 'checkpoint');
  const [mode, setMode] = useState<Mode>('disks');
  const { busy, error, call } = useDialogCall();
  const blockedBy = !vm ? 'The VM is gone' : name.trim() === '' ? 'Enter a name' : mode === 'memory' && !canMemory ? 'Only a running VM can be snapshotted with its memory' : null;

  const submit = async () => {
    const output = await call('vm.snapshot', { vmId, name: name.trim(), description, memory: mode === 'memory', quiesce: mode === 'quiesce' });
    if (output) onClose();
  };
  const option = (value: Mode, label: string, detail: string, enabled: boolean) => (
    <label className="check choice">
      <input type="radio" name={`${ids}-mode`} value={value} checked={mode === value} disabled={!enabled} onChange={() => setMode(value)} />
      <span className="choice-name">{label}</span>
      <span className="choice-detail">{detail}</span>
    </label>
  );
  return (
    <DialogFrame
      title="Take Snapshot"
      intro={`Take a snapshot of '${vmName}'.`}
      className="take-snapshot-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Take Snapshot"
      busyLabel="Starting…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={name} onChange={setName} disabled={busy} />
      <DescriptionField value={description} onChange={setDescription} disabled={busy} />
      <fieldset disabled={busy}>
        <legend>Snapshot mode</legend>
        {option('disks', "Snapshot the virtual machine's disks", 'The disks as they are now, as after a power cut.', true)}
        {canQuiesce && option('quiesce', 'Quiesce the VM before taking the snapshot (Windows only)', "The guest's VSS flushes its disks first.", true)}
        {option(
          'memory',
          "Snapshot the virtual machine's disks and memory",
          canMemory ? 'Reverting resumes the VM exactly where it was.' : 'Only a running VM can be snapshotted with its memory.',
          canMemory,
        )}
      </fieldset>
    </DialogFrame>
  );
}
