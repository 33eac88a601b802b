import { useState, type ReactNode } from 'react';
import { ConsoleTab } from '../features/console/console-tab.js';
import { useTreeUiStore } from '../features/tree/tree-ui-store.js';
import { selectObject, useObjectsStore } from '../store/objects-store.js';

/** The tabs each kind of object has, in XenCenter's order (more come with the main-window work). */
const tabsByKind: Record<string, readonly string[]> = {
  vm: ['General', 'Console'],
  host: ['General', 'Console'],
};

/** Splits a tree selection key (`vm:<ref>`, `host:<ref>`, `pool:<id>`) into kind and id. */
function parseSelection(key: string | null): { kind: string; id: string } | null {
  const match = key ? /^(\w+):(.+)$/.exec(key) : null;
  return match ? { kind: match[1]!, id: match[2]! } : null;
}

/** A few properties every object shows on its General tab. */
function GeneralTab({ objectId }: { objectId: string }) {
  const object = useObjectsStore(selectObject(objectId));
  if (!object) return null;
  const rows: [string, ReactNode][] = [
    ['Name', String(object.name_label ?? '')],
    ['Description', String(object.name_description ?? '')],
    ['UUID', String(object.uuid ?? '')],
  ];
  if (object.$type === 'VM') rows.push(['Power state', String(object.power_state)]);
  if (object.$type === 'host') rows.push(['Address', String(object.address ?? '')]);
  return (
    <dl className="properties">
      {rows.map(([label, value]) => (
        <div key={label} className="property">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The right pane for the selected VM or host: its name and its tabs. */
export function DetailsPane({ fallback }: { fallback: ReactNode }) {
  const selection = parseSelection(useTreeUiStore((state) => state.selectedKey));
  const object = useObjectsStore(selectObject(selection?.id ?? ''));
  const tabs = selection ? tabsByKind[selection.kind] : undefined;
  const [chosen, setChosen] = useState('General');
  if (!selection || !object || !tabs) return <>{fallback}</>;
  const active = tabs.includes(chosen) ? chosen : tabs[0]!;
  return (
    <div className="details">
      <h1 className="details-title">{String(object.name_label)}</h1>
      <div className="tab-strip" role="tablist" aria-label={`${String(object.name_label)} tabs`}>
        {tabs.map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={tab === active} className={tab === active ? 'tab active' : 'tab'} onClick={() => setChosen(tab)}>
            {tab}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" aria-label={active}>
        {active === 'General' && <GeneralTab objectId={selection.id} />}
        {active === 'Console' && <ConsoleTab objectId={selection.id} />}
      </div>
    </div>
  );
}
