import { useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { XapiRecord } from '../../../../shared/xapi/objects.js';
import { usePoolsStore } from '../../../store/pools-store.js';
import { templatesOfPool } from '../../dialogs/pool-resources.js';
import { nameOf, objectOf } from '../../../store/mirror-read.js';
import { chooseTemplate, emptyChoices } from '../new-vm-defaults.js';
import type { StepProps } from './step-props.js';

function TemplateGroup({ title, templates, chosen, onChoose, groupName }: { title: string; templates: readonly XapiRecord<'VM'>[]; chosen: string | null; onChoose(id: string): void; groupName: string }) {
  if (templates.length === 0) return null;
  return (
    <li className="template-group">
      <span className="template-group-title">{title}</span>
      <ul>
        {templates.map((template) => (
          <li key={template.$id}>
            <label className={chosen === template.$id ? 'template-option chosen' : 'template-option'}>
              <input type="radio" name={groupName} checked={chosen === template.$id} onChange={() => onChoose(template.$id)} />
              <span className="choice-name">{nameOf(template)}</span>
            </label>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Template: the pool's templates, default ones then custom ones, searchable; and the pool when several are connected. */
export function TemplateStep({ choices, mirror, update }: StepProps) {
  const ids = useId();
  const [search, setSearch] = useState('');
  const connectedPools = usePoolsStore(useShallow((state) => [...state.pools.values()].filter((pool) => pool.state === 'connected')));
  const templates = useMemo(() => templatesOfPool(mirror, choices.poolId), [mirror, choices.poolId]);
  const needle = search.trim().toLowerCase();
  const shown = templates.filter(({ template }) => needle === '' || nameOf(template).toLowerCase().includes(needle));
  const chosen = objectOf(mirror, 'VM', choices.templateId);
  const choose = (id: string) => update((current) => chooseTemplate(mirror, current, id));

  return (
    <div className="template-step">
      {connectedPools.length > 1 && (
        <div className="field">
          <label htmlFor={`${ids}-pool`}>Pool:</label>
          <select id={`${ids}-pool`} value={choices.poolId} onChange={(event) => update(() => emptyChoices(event.target.value))}>
            {connectedPools.map((pool) => (
              <option key={pool.poolId} value={pool.poolId}>
                {pool.label || pool.address}
              </option>
            ))}
          </select>
        </div>
      )}
      <input type="search" className="template-search" placeholder="Search templates" aria-label="Search templates" value={search} onChange={(event) => setSearch(event.target.value)} data-autofocus />
      <ul className="template-list" role="radiogroup" aria-label="Templates">
        <TemplateGroup title="Default templates" templates={shown.filter((entry) => entry.isDefault).map((entry) => entry.template)} chosen={choices.templateId} onChoose={choose} groupName={`${ids}-t`} />
        <TemplateGroup title="Custom templates" templates={shown.filter((entry) => !entry.isDefault).map((entry) => entry.template)} chosen={choices.templateId} onChoose={choose} groupName={`${ids}-t`} />
        {shown.length === 0 && <li className="dialog-note">{templates.length === 0 ? 'This pool has no templates.' : `No template matches “${search}”.`}</li>}
      </ul>
      {chosen && <p className="dialog-note template-description">{chosen.name_description}</p>}
    </div>
  );
}
