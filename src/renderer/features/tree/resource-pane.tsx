import { useEffect } from 'react';
import { followObjectKinds } from './follow-object-kinds.js';
import { ResourceTree } from './resource-tree.js';
import { TreeSearch } from './tree-search.js';
import { useTreeViewStore } from './tree-view-store.js';
import { ViewSwitch } from './view-switch.js';
import './tree.css';

/** Lists default templates too (every view shows custom templates only unless asked; View › Show Default Templates). */
function DefaultTemplatesToggle() {
  const show = useTreeViewStore((state) => state.showDefaultTemplates);
  return (
    <label className="check tree-option">
      <input type="checkbox" checked={show} onChange={(event) => useTreeViewStore.getState().setShowDefaultTemplates(event.target.checked)} />
      Show default templates
    </label>
  );
}

/** The left pane: the search box over the tree, the tree, and the view switch (XenCenter keeps it below). */
export function ResourcePane() {
  useEffect(() => followObjectKinds(), []);
  return (
    <nav className="resource-pane" aria-label="Resources">
      <TreeSearch />
      <ResourceTree />
      <DefaultTemplatesToggle />
      <ViewSwitch />
    </nav>
  );
}
