import { useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { useBridge } from '../../app/bridge-context.js';
import { useDialogStore } from '../../store/dialog-store.js';
import type { DetailsSubject } from './details-subject.js';
import { draftOf, editRequest, type EditableObject, type EditDraft } from './edit-draft.js';
import { generalSections } from './general-sections.js';
import { PropertyList } from './property-list.js';
import { useMirror, useNow } from './use-mirror.js';

/** The General tab: XenCenter's property groups, live, with name, description and tags editable in place. */
export function GeneralTab({ subject }: { subject: DetailsSubject }) {
  const now = useNow();
  const key = subject.key;
  const sections = useMirror((index) => generalSections(index, subject, now), [key, subject.object, now]);
  const [editing, setEditing] = useState(false);
  const object = subject.object;
  return (
    <div className="general-tab">
      {object &&
        (editing ? (
          <EditForm key={object.$id} object={object} onDone={() => setEditing(false)} />
        ) : (
          <div className="tab-actions">
            <button type="button" className="toolbar-button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="toolbar-button" onClick={() => useDialogStore.getState().show({ kind: 'properties', objectId: object.$id })}>
              Properties
            </button>
          </div>
        ))}
      <PropertyList sections={sections} />
    </div>
  );
}

/** Name, description and tags of one object, saved through objects.edit; errors stay inline with their code. */
function EditForm({ object, onDone }: { object: EditableObject; onDone: () => void }) {
  const bridge = useBridge();
  const ids = useId();
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(object));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const update = (field: keyof EditDraft) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const request = editRequest(object, draft);
    if (!request) {
      onDone();
      return;
    }
    setSaving(true);
    setError(null);
    const result = await bridge.call('objects.edit', request);
    setSaving(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  return (
    <form
      className="edit-form"
      aria-label="Edit properties"
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !saving) {
          event.stopPropagation();
          onDone();
        }
      }}
    >
      <div className="edit-field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input id={`${ids}-name`} value={draft.name} onChange={(event) => update('name')(event.target.value)} disabled={saving} required autoFocus />
      </div>
      <div className="edit-field">
        <label htmlFor={`${ids}-description`}>Description</label>
        <textarea id={`${ids}-description`} value={draft.description} rows={2} onChange={(event) => update('description')(event.target.value)} disabled={saving} />
      </div>
      <div className="edit-field">
        <label htmlFor={`${ids}-tags`}>Tags</label>
        <input id={`${ids}-tags`} value={draft.tags} onChange={(event) => update('tags')(event.target.value)} disabled={saving} placeholder="Separate tags with commas" />
      </div>
      {error && (
        <p className="error inline-error" role="alert">
          {error.message} <code>{error.code}</code>
        </p>
      )}
      <div className="edit-buttons">
        <button type="submit" className="toolbar-button primary" disabled={saving || draft.name.trim() === ''}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="toolbar-button" onClick={onDone} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
