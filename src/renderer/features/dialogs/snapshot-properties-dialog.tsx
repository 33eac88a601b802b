import { useId, useState } from 'react';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DescriptionField } from './description-field.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { useDialogCall } from './use-dialog-call.js';

/** Tags typed as a comma list: trimmed, empty ones dropped, each once. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/** Properties of a snapshot: its name, description and tags (objects.edit, only what changed). */
export function SnapshotPropertiesDialog({ snapshotId, onClose }: { snapshotId: string; onClose(): void }) {
  const ids = useId();
  const snapshot = useObjectsStore(selectObject(snapshotId, 'VM'));
  const [name, setName] = useState(() => nameOf(snapshot));
  const [description, setDescription] = useState(() => snapshot?.name_description ?? '');
  const [tags, setTags] = useState(() => (snapshot?.tags ?? []).join(', '));
  const { busy, error, call } = useDialogCall();
  const blockedBy = !snapshot ? 'The snapshot is gone' : name.trim() === '' ? 'Enter a name' : null;

  const submit = async () => {
    if (!snapshot) return;
    const newTags = parseTags(tags);
    const edit = {
      objectId: snapshotId,
      ...(name.trim() !== snapshot.name_label ? { name: name.trim() } : {}),
      ...(description !== snapshot.name_description ? { description } : {}),
      ...(newTags.join('\n') !== snapshot.tags.join('\n') ? { tags: newTags } : {}),
    };
    if (Object.keys(edit).length === 1 || (await call('objects.edit', edit))) onClose();
  };
  return (
    <DialogFrame
      title="Snapshot Properties"
      className="snapshot-properties-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="OK"
      busyLabel="Saving…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={name} onChange={setName} disabled={busy} />
      <DescriptionField value={description} onChange={setDescription} disabled={busy} rows={3} />
      <div className="field">
        <label htmlFor={`${ids}-tags`}>Tags:</label>
        <input id={`${ids}-tags`} value={tags} onChange={(event) => setTags(event.target.value)} disabled={busy} placeholder="Separate tags with commas" />
      </div>
    </DialogFrame>
  );
}
