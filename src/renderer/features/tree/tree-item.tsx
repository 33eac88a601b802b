import { useId, type ReactNode } from 'react';
import { useTreeUiStore } from './tree-ui-store.js';

interface TreeItemProps {
  /** Unique across the tree: `pool:<id>`, `host:<ref>`, `vm:<ref>`. */
  nodeKey: string;
  level: number;
  /** Whether this row takes the Tab stop when no row has had focus yet. */
  firstInTree?: boolean;
  /** The row's icon; with a label it is an image with that accessible name, also read as the row's description. */
  icon: { glyph: string; className: string; label?: string };
  name: string;
  /** Shown after the name and read as the row's description (state, "Master"…). */
  detail?: ReactNode;
  detailClassName?: string;
  /** Child rows; undefined for a leaf. */
  children?: ReactNode;
  hasChildren?: boolean;
  /** Children shown from a mirror that is not live now (the pool is reconnecting): drawn faded. */
  staleChildren?: boolean;
}

/**
 * One row of the resource tree with the ARIA tree pattern: role=treeitem named by its label only (not its
 * children's text), aria-level, aria-expanded for branches, aria-selected, and a roving Tab stop.
 */
export function TreeItem({ nodeKey, level, firstInTree, icon, name, detail, detailClassName, children, hasChildren, staleChildren }: TreeItemProps) {
  const ids = useId();
  const selected = useTreeUiStore((state) => state.selectedKey === nodeKey);
  const tabStop = useTreeUiStore((state) => (state.focusedKey === null ? firstInTree === true : state.focusedKey === nodeKey));
  const expanded = useTreeUiStore((state) => !state.collapsed.has(nodeKey));
  const branch = hasChildren === true;
  const nameId = `${ids}-name`;
  const detailId = `${ids}-detail`;
  const iconId = `${ids}-icon`;
  const describedBy = [icon.label ? iconId : null, detail ? detailId : null].filter(Boolean).join(' ') || undefined;
  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-selected={selected}
      aria-expanded={branch ? expanded : undefined}
      aria-labelledby={nameId}
      aria-describedby={describedBy}
      tabIndex={tabStop ? 0 : -1}
      data-key={nodeKey}
      className="tree-item"
      onFocus={(event) => {
        if (event.target === event.currentTarget) useTreeUiStore.getState().focus(nodeKey);
      }}
    >
      <div
        className={['tree-row', selected ? 'selected' : '', detailClassName?.split(' ').includes('state') ? 'has-state' : ''].filter(Boolean).join(' ')}
        style={{ paddingLeft: `${(level - 1) * 16 + 4}px` }}
        onClick={() => useTreeUiStore.getState().select(nodeKey)}
      >
        <span
          className={branch ? 'twisty' : 'twisty leaf'}
          aria-hidden="true"
          onClick={(event) => {
            if (!branch) return;
            event.stopPropagation();
            useTreeUiStore.getState().setExpanded(nodeKey, !expanded);
          }}
        >
          {branch ? (expanded ? '▾' : '▸') : ''}
        </span>
        {icon.label ? (
          <span id={iconId} className={`tree-icon ${icon.className}`} role="img" aria-label={icon.label} title={icon.label}>
            {icon.glyph}
          </span>
        ) : (
          <span className={`tree-icon ${icon.className}`} aria-hidden="true">
            {icon.glyph}
          </span>
        )}
        <span id={nameId} className="tree-name">
          {name}
        </span>
        {detail && (
          <span id={detailId} className={detailClassName ? `tree-detail ${detailClassName}` : 'tree-detail'}>
            {detail}
          </span>
        )}
      </div>
      {branch && expanded && (
        <ul role="group" className={staleChildren ? 'stale' : undefined}>
          {children}
        </ul>
      )}
    </li>
  );
}
