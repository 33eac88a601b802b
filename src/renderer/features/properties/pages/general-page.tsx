import { problemOf } from '../properties-draft.js';
import { PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

/** General: name, description, tags, and for a VM XenCenter's folder. */
export function GeneralPage({ draft, update, problems, saving }: PageProps) {
  return (
    <>
      <PageField label="Name" problem={problemOf(problems, 'general', 'name')}>
        {(ids) => (
          <input id={ids.id} value={draft.name} maxLength={255} disabled={saving} data-autofocus aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(event) => update({ name: event.target.value })} />
        )}
      </PageField>
      <PageField label="Description">
        {(ids) => <textarea id={ids.id} value={draft.description} rows={3} maxLength={1000} disabled={saving} onChange={(event) => update({ description: event.target.value })} />}
      </PageField>
      {draft.class === 'VM' && (
        <PageField label="Folder" note="A path such as /Web/Front; empty for none.">
          {(ids) => <input id={ids.id} value={draft.folder} maxLength={499} disabled={saving} aria-describedby={ids.describedBy} placeholder="No folder" onChange={(event) => update({ folder: event.target.value })} />}
        </PageField>
      )}
      <PageField label="Tags" note="Separate tags with commas.">
        {(ids) => <input id={ids.id} value={draft.tags} disabled={saving} aria-describedby={ids.describedBy} onChange={(event) => update({ tags: event.target.value })} />}
      </PageField>
    </>
  );
}
