import { useId, useState } from 'react';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { nameOf } from '../../store/mirror-read.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';

/**
 * Destroy SR: the SR and every disk on it are gone for good, so the SR's name must be typed back before the red
 * button works (the server checks it again).
 */
export function DestroySrDialog({ srId, onClose }: { srId: string; onClose(): void }) {
  const ids = useId();
  const sr = useObjectsStore(selectObject(srId, 'SR'));
  const [typed, setTyped] = useState('');
  const { busy, error, call } = useDialogCall();
  const name = nameOf(sr);
  const blockedBy = !sr ? 'The SR is gone' : typed.trim() !== name.trim() ? 'Type the SR\'s name to confirm' : null;
  const submit = async () => {
    if (await call('sr.destroy', { srId, confirmName: typed })) onClose();
  };
  return (
    <DialogFrame
      title="Destroy SR"
      intro={`'${name}' is detached from every server and destroyed with all ${sr?.VDIs.length ?? 0} virtual disks on it. This cannot be undone.`}
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Destroy"
      busyLabel="Destroying…"
      busy={busy}
      blockedBy={blockedBy}
      danger
      error={error}
    >
      <div className="field">
        <label htmlFor={`${ids}-confirm`}>Type '{name}':</label>
        <input id={`${ids}-confirm`} value={typed} disabled={busy} spellCheck={false} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
      </div>
    </DialogFrame>
  );
}
