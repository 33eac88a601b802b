import { ResourceTree } from './resource-tree.js';

/** The left pane: search box, view switch and the resource tree. */
export function ResourcePane() {
  return (
    <nav className="resource-pane" aria-label="Resources">
      <input className="tree-search" type="search" placeholder="Search…" aria-label="Search resources" disabled />
      <ResourceTree />
    </nav>
  );
}
