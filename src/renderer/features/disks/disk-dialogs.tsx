import { useId, useMemo, useState } from 'react';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { nameOf } from '../../store/mirror-read.js';
import { DescriptionField } from '../dialogs/description-field.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { defaultDiskSr, diskSrsOfPool } from '../dialogs/pool-resources.js';
import { SrSelect } from '../dialogs/sr-select.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { NameField } from '../dialogs/name-field.js';
import { GiB } from '../new-vm/byte-units.js';
import { NumberField } from '../new-vm/number-field.js';
import { freeDisksOfPool, moveTargets, newDiskName } from './disk-choices.js';

/** A size in GiB a disk can take (at least 1 MiB, at most 64 TiB), else what is wrong. */
function sizeProblem(gib: number, atLeast = 0): string | undefined {
  if (!Number.isFinite(gib) || gib <= 0) return 'Enter a size';
  if (gib * GiB < atLeast) return 'A disk cannot be made smaller';
  return gib > 64 * 1024 ? 'At most 64 TiB' : undefined;
}

/** Add Virtual Disk (Add… on a VM's or an SR's Storage tab): name, description, size and SR of a new disk. */
export function AddDiskDialog({ vmId, srId, onClose }: { vmId?: string | undefined; srId?: string | undefined; onClose(): void }) {
  const mirror = useMirror();
  const vm = useObjectsStore(selectObject(vmId ?? '', 'VM'));
  const sr = useObjectsStore(selectObject(srId ?? '', 'SR'));
  const poolId = vm?.$pool ?? sr?.$pool ?? '';
  const choices = useMemo(() => diskSrsOfPool(mirror, poolId), [mirror, poolId]);
  const [name, setName] = useState(() => newDiskName(mirror, vm));
  const [description, setDescription] = useState('');
  const [gib, setGib] = useState(10);
  const [target, setTarget] = useState(() => srId ?? defaultDiskSr(mirror, poolId, choices) ?? '');
  const { busy, error, call } = useDialogCall();
  const problem = sizeProblem(gib);
  const blockedBy = !poolId ? 'The VM or SR is gone' : name.trim() === '' ? 'Enter a name' : problem ?? (target === '' ? 'Choose an SR' : null);
  const submit = async () => {
    const output = await call('vdi.create', { srId: target, name: name.trim(), description, size: Math.round(gib * GiB), ...(vmId ? { vmId } : {}) });
    if (output) onClose();
  };
  return (
    <DialogFrame title="Add Virtual Disk" intro={vm ? `A new disk for '${nameOf(vm)}'${vm.power_state === 'Running' ? ', activated at once' : ''}.` : `A new disk on '${nameOf(sr)}'.`} onCancel={onClose} onSubmit={() => void submit()} submitLabel="Add" busyLabel="Adding…" busy={busy} blockedBy={blockedBy} error={error}>
      <NameField value={name} onChange={setName} disabled={busy} />
      <DescriptionField value={description} onChange={setDescription} disabled={busy} />
      <NumberField label="Size:" value={gib} onValue={setGib} min={0.001} step="any" unit="GiB" disabled={busy} problem={problem} />
      <SrSelect label="Location:" value={target} choices={choices} onChange={setTarget} disabled={busy || !!srId} extra={target === '' ? { value: '', label: '(choose an SR)' } : undefined} />
    </DialogFrame>
  );
}

/** Attach Disk (Attach… on a VM's Storage tab): one of the pool's free disks, read-write or read-only. */
export function AttachDiskDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const ids = useId();
  const mirror = useMirror();
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const disks = useMemo(() => (vm ? freeDisksOfPool(mirror, vm.$pool) : []), [mirror, vm]);
  const [vdiId, setVdiId] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const { busy, error, call } = useDialogCall();
  const blockedBy = !vm ? 'The VM is gone' : disks.length === 0 ? 'No free disk in this pool' : vdiId === '' ? 'Choose a disk' : null;
  const submit = async () => {
    if (await call('vdi.attach', { vmId, vdiId, readOnly })) onClose();
  };
  return (
    <DialogFrame title="Attach Disk" intro={`An existing disk no VM uses, attached to '${nameOf(vm)}'.`} onCancel={onClose} onSubmit={() => void submit()} submitLabel="Attach" busyLabel="Attaching…" busy={busy} blockedBy={blockedBy} error={error}>
      <div className="field">
        <label htmlFor={`${ids}-disk`}>Disk:</label>
        <select id={`${ids}-disk`} value={vdiId} disabled={busy} data-autofocus onChange={(event) => setVdiId(event.target.value)}>
          <option value="">(choose a disk)</option>
          {disks.map((disk) => (
            <option key={disk.id} value={disk.id}>
              {disk.label}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={readOnly} disabled={busy} onChange={(event) => setReadOnly(event.target.checked)} /> Attach as read-only
      </label>
    </DialogFrame>
  );
}

/** A disk's Properties: name, description and size (growing only; online while its VM runs). */
export function DiskPropertiesDialog({ vdiId, onClose }: { vdiId: string; onClose(): void }) {
  const vdi = useObjectsStore(selectObject(vdiId, 'VDI'));
  const [name, setName] = useState(() => vdi?.name_label ?? '');
  const [description, setDescription] = useState(() => vdi?.name_description ?? '');
  const [gib, setGib] = useState(() => Math.round(((vdi?.virtual_size ?? 0) / GiB) * 1000) / 1000);
  const { busy, error, call } = useDialogCall();
  const current = vdi?.virtual_size ?? 0;
  const size = Math.max(current, Math.round(gib * GiB));
  const problem = sizeProblem(gib, current - GiB / 2000);
  const blockedBy = !vdi ? 'The disk is gone' : name.trim() === '' ? 'Enter a name' : problem ?? null;
  const submit = async () => {
    if (!vdi) return;
    const grow = size > current ? { size } : {};
    if (await call('vdi.edit', { vdiId, name: name.trim(), description, ...grow })) onClose();
  };
  return (
    <DialogFrame title={`'${nameOf(vdi)}' Properties`} onCancel={onClose} onSubmit={() => void submit()} submitLabel="OK" busyLabel="Saving…" busy={busy} blockedBy={blockedBy} error={error}>
      <NameField value={name} onChange={setName} disabled={busy} />
      <DescriptionField value={description} onChange={setDescription} disabled={busy} />
      <NumberField label="Size:" value={gib} onValue={setGib} min={0.001} step="any" unit="GiB" disabled={busy} problem={problem} />
    </DialogFrame>
  );
}

/** Move Virtual Disk (Move…): another SR of the pool; live for a running VM's disk, copied otherwise. */
export function MoveDiskDialog({ vdiId, onClose }: { vdiId: string; onClose(): void }) {
  const mirror = useMirror();
  const vdi = useObjectsStore(selectObject(vdiId, 'VDI'));
  const choices = useMemo(() => (vdi ? moveTargets(mirror, vdi) : []), [mirror, vdi]);
  const [target, setTarget] = useState('');
  const { busy, error, call } = useDialogCall();
  const blockedBy = !vdi ? 'The disk is gone' : target === '' ? 'Choose an SR' : null;
  const submit = async () => {
    if (await call('vdi.move', { vdiId, srId: target })) onClose();
  };
  return (
    <DialogFrame title="Move Virtual Disk" intro={`Where '${nameOf(vdi)}' goes. A disk a running VM uses moves while the VM runs.`} onCancel={onClose} onSubmit={() => void submit()} submitLabel="Move" busyLabel="Moving…" busy={busy} blockedBy={blockedBy} error={error}>
      <SrSelect label="Storage:" value={target} choices={choices} onChange={setTarget} disabled={busy} extra={{ value: '', label: '(choose an SR)' }} />
    </DialogFrame>
  );
}
