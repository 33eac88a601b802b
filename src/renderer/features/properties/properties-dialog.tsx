import { useCallback, useId, useMemo, useState } from 'react';
import { follow, nameOf } from '../../store/mirror-read.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { useMirror } from '../dialogs/use-mirror.js';
import type { PageId, PropertiesObject } from './draft-common.js';
import { draftChanges, draftOf, draftProblems, hasProperties, type PropertiesDraft } from './properties-draft.js';
import { PropertiesPage } from './properties-page.js';
import { pagesFor } from './properties-pages.js';
import { useSaveProperties } from './use-save-properties.js';
import './properties.css';

interface PropertiesDialogProps {
  objectId: string;
  /** The page to open on (the Memory tab's Edit opens Memory). */
  page?: PageId;
  onClose(): void;
}

/**
 * XenCenter's Properties dialog for a VM, server, pool, SR or network: its pages on the left, each with what it is
 * set to, the chosen page on the right. OK saves every change as one job and closes when all of it was saved;
 * otherwise the dialog stays, with XAPI's code and sentence for each part that was refused.
 */
export function PropertiesDialog({ objectId, page = 'general', onClose }: PropertiesDialogProps) {
  const live = useObjectsStore(selectObject(objectId));
  const object = hasProperties(live) ? live : undefined;
  return object ? <PropertiesEditor object={object} page={page} onClose={onClose} /> : <GoneDialog onClose={onClose} />;
}

/** The object's name; a pool without one is called by its master's name, as XenCenter does. */
function objectTitle(index: ObjectIndex, object: PropertiesObject): string {
  const name = nameOf(object);
  if (name) return name;
  return object.$type === 'pool' ? nameOf(follow(index, object.master), object.$id) : object.$id;
}

function GoneDialog({ onClose }: { onClose(): void }) {
  return <DialogFrame title="Properties" intro="This object is no longer in a connected pool. It may have been deleted." onCancel={onClose} onSubmit={onClose} submitLabel="OK" noSubmit cancelLabel="Close" />;
}

function PropertiesEditor({ object, page, onClose }: { object: PropertiesObject; page: PageId; onClose(): void }) {
  const ids = useId();
  const index = useMirror();
  const [base] = useState<PropertiesDraft>(() => draftOf(index, object));
  const [draft, setDraft] = useState<PropertiesDraft>(base);
  const pages = pagesFor(index, object, draft);
  const [chosen, setChosen] = useState<PageId>(page);
  const current = pages.some((info) => info.id === chosen) ? chosen : 'general';
  const problems = useMemo(() => draftProblems(draft, object), [draft, object]);
  const { saving, error, save } = useSaveProperties();
  // A page only ever patches its own class's draft.
  const update = useCallback((patch: Partial<PropertiesDraft>) => setDraft((was) => ({ ...was, ...patch }) as PropertiesDraft), []);
  const pagesWithProblems = new Set(problems.map((problem) => problem.page));

  const submit = async () => {
    const changes = draftChanges(base, draft);
    if (!changes || (await save(object.$id, changes))) onClose();
  };

  return (
    <DialogFrame
      title={`'${objectTitle(index, object)}' Properties`}
      className="properties-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="OK"
      busyLabel="Saving…"
      busy={saving}
      blockedBy={problems.length > 0 ? 'Correct the marked values first' : null}
      error={error}
    >
      <div className="properties-body">
        <nav className="properties-pages" aria-label="Pages">
          <ul>
            {pages.map((info) => (
              <li key={info.id}>
                <button
                  type="button"
                  className={info.id === current ? 'properties-page-button current' : 'properties-page-button'}
                  aria-current={info.id === current ? 'page' : undefined}
                  aria-controls={`${ids}-panel`}
                  onClick={() => setChosen(info.id)}
                >
                  <span className="page-title">
                    {info.title}
                    {pagesWithProblems.has(info.id) && (
                      <span className="page-problem" role="img" aria-label="has a value to correct">
                        {' '}
                        ⚠
                      </span>
                    )}
                  </span>
                  <span className="page-summary">{info.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section id={`${ids}-panel`} className="properties-panel" aria-labelledby={`${ids}-page-title`}>
          <h3 id={`${ids}-page-title`}>{pages.find((info) => info.id === current)?.title}</h3>
          <PropertiesPage key={current} page={current} props={{ draft, update, problems, object, index, saving }} />
        </section>
      </div>
    </DialogFrame>
  );
}
