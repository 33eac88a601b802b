import { useRef, type KeyboardEvent } from 'react';
import type { TreeViewName } from './tree-model.js';
import { useTreeViewStore } from './tree-view-store.js';

const views: readonly [TreeViewName, string][] = [
  ['infrastructure', 'Infrastructure'],
  ['objects', 'Objects'],
  ['tags', 'Tags'],
];

/** XenCenter's navigation views as a radio group: arrows move between them, one Tab stop. */
export function ViewSwitch() {
  const view = useTreeViewStore((state) => state.view);
  const group = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = (views.findIndex(([name]) => name === view) + step + views.length) % views.length;
    useTreeViewStore.getState().setView(views[index]![0]);
    group.current?.querySelectorAll<HTMLElement>('[role="radio"]')[index]?.focus();
  };
  return (
    <div ref={group} className="segmented view-switch" role="radiogroup" aria-label="View" onKeyDown={onKeyDown}>
      {views.map(([name, label]) => (
        <button
          key={name}
          type="button"
          role="radio"
          aria-checked={view === name}
          tabIndex={view === name ? 0 : -1}
          className={view === name ? 'segment selected' : 'segment'}
          onClick={() => useTreeViewStore.getState().setView(name)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
