import { useState } from 'react';
import type { CustomFieldType } from '../../../../shared/xapi/custom-fields.js';
import { definitionsOf, newFieldProblem } from '../draft-common.js';
import { objectsOfType } from '../../../store/mirror-read.js';
import { PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

/** A stored date (ISO 8601) as a datetime-local box shows it, and back. */
const toLocalInput = (iso: string) => (iso ? iso.slice(0, 16) : '');
const fromLocalInput = (local: string) => (local ? `${local}:00Z` : '');

/**
 * Custom Fields: a value for each field the pool defines (XenCenter's fields, shared with it), and "Add Field"
 * to define a new one for the whole pool when the dialog is saved.
 */
export function CustomFieldsPage({ draft, update, index, object, saving }: PageProps) {
  const pool = objectsOfType(index, 'pool', object.$pool)[0];
  const types = new Map<string, CustomFieldType>([...definitionsOf(pool), ...draft.newFields].map((field) => [field.name, field.type]));
  const names = Object.keys(draft.customFields);
  const [newName, setNewName] = useState('');
  const [newType, setNewType] = useState<CustomFieldType>('String');
  const [tried, setTried] = useState(false);
  const problem = tried ? newFieldProblem(newName, draft) : null;
  const add = () => {
    setTried(true);
    if (newFieldProblem(newName, draft)) return;
    const name = newName.trim();
    update({ customFields: { ...draft.customFields, [name]: '' }, newFields: [...draft.newFields, { name, type: newType }] });
    setNewName('');
    setTried(false);
  };
  return (
    <>
      {names.length === 0 ? (
        <p className="dialog-note">This pool has no custom fields yet. Add one below; it will be available on every object of the pool.</p>
      ) : (
        names.map((name) => (
          <PageField key={name} label={name}>
            {(ids) =>
              types.get(name) === 'Date' ? (
                <input id={ids.id} type="datetime-local" value={toLocalInput(draft.customFields[name] ?? '')} disabled={saving} onChange={(event) => update({ customFields: { ...draft.customFields, [name]: fromLocalInput(event.target.value) } })} />
              ) : (
                <input id={ids.id} value={draft.customFields[name] ?? ''} maxLength={1000} disabled={saving} onChange={(event) => update({ customFields: { ...draft.customFields, [name]: event.target.value } })} />
              )
            }
          </PageField>
        ))
      )}
      <fieldset className="add-field" disabled={saving}>
        <legend>Add a custom field to the pool</legend>
        <PageField label="Field name" problem={problem ?? undefined}>
          {(ids) => (
            <input
              id={ids.id}
              value={newName}
              maxLength={100}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(event) => setNewName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
          )}
        </PageField>
        <PageField label="Type">
          {(ids) => (
            <select id={ids.id} value={newType} onChange={(event) => setNewType(event.target.value === 'Date' ? 'Date' : 'String')}>
              <option value="String">Text</option>
              <option value="Date">Date and time</option>
            </select>
          )}
        </PageField>
        <button type="button" className="small-button" onClick={add}>
          Add Field
        </button>
      </fieldset>
    </>
  );
}
