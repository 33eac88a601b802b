import { useId, useState } from 'react';
import type { GraphSpec } from '../../../shared/api/stats-schema.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { sourceInfo } from './source-info.js';

/**
 * XenCenter's New Graph / Edit Graph dialog: a name and the data sources to draw (every source the object
 * publishes, with the ones Xenith derives). Saving is the tab's: the dialog only returns the graph.
 */
export function GraphChooserDialog({ initial, available, onSave, onClose }: {
  initial: GraphSpec | null;
  available: readonly string[];
  onSave(graph: GraphSpec): void;
  onClose(): void;
}) {
  const ids = useId();
  const [title, setTitle] = useState(initial?.title ?? 'New Graph');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(initial?.sources ?? []));
  const [filter, setFilter] = useState('');
  const names = [...new Set([...available, ...(initial?.sources ?? [])])];
  const shown = names.filter((name) => `${name} ${sourceInfo(name).label}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const blockedBy = title.trim() === '' ? 'Enter a name' : chosen.size === 0 ? 'Choose at least one data source' : chosen.size > 32 ? 'Choose at most 32 data sources' : null;
  const toggle = (name: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  return (
    <DialogFrame
      title={initial ? 'Edit Graph' : 'New Graph'}
      intro="Name the graph and choose the data sources it draws."
      className="graph-chooser-dialog"
      onCancel={onClose}
      onSubmit={() => onSave({ title: title.trim(), sources: names.filter((name) => chosen.has(name)) })}
      submitLabel="Save"
      blockedBy={blockedBy}
    >
      <label htmlFor={`${ids}-name`}>Name</label>
      <input id={`${ids}-name`} value={title} maxLength={100} onChange={(event) => setTitle(event.target.value)} data-autofocus />
      <label htmlFor={`${ids}-filter`}>Data sources</label>
      <input id={`${ids}-filter`} type="search" placeholder="Filter" value={filter} onChange={(event) => setFilter(event.target.value)} />
      <ul className="graph-chooser-sources" aria-label="Data sources">
        {shown.map((name) => (
          <li key={name}>
            <label>
              <input type="checkbox" checked={chosen.has(name)} onChange={() => toggle(name)} />
              {sourceInfo(name).label} <span className="muted">({name})</span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No data source matches.</li>}
      </ul>
    </DialogFrame>
  );
}
