import { useRef, type KeyboardEvent } from 'react';
import type { TabName } from './details-subject.js';

/**
 * The tab strip (ARIA tabs pattern): one Tab stop on the selected tab, Left/Right/Home/End move and select,
 * each tab controls the panel whose id `panelId(tab)` gives.
 */
export function DetailsTabs({ tabs, active, label, onSelect, tabId, panelId }: {
  tabs: readonly TabName[];
  active: TabName;
  label: string;
  onSelect: (tab: TabName) => void;
  tabId: (tab: TabName) => string;
  panelId: (tab: TabName) => string;
}) {
  const strip = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.indexOf(active);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onSelect(tab);
    strip.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(tab))}`)?.focus();
  };
  return (
    <div className="details-tabstrip" role="tablist" aria-label={label} ref={strip} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab}
          id={tabId(tab)}
          type="button"
          role="tab"
          aria-selected={tab === active}
          aria-controls={panelId(tab)}
          tabIndex={tab === active ? 0 : -1}
          className={tab === active ? 'details-tab active' : 'details-tab'}
          onClick={() => onSelect(tab)}
        >
          {tab}
        </button>
      ))}
    </div>
  );
}
