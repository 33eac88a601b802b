import { memo, useId } from 'react';
import { usePoolsStore } from '../../store/pools-store.js';
import type { FlatRow } from './flatten-tree.js';
import { staticLook, useHostLook, usePoolLook, useVmLook, type RowLook } from './row-look.js';
import { heightOf } from './tree-layout.js';

export interface TreeRowProps {
  readonly row: FlatRow;
  readonly top: number;
  readonly selected: boolean;
  /** The row that takes the Tab stop (roving focus). */
  readonly tabStop: boolean;
  /** A drag of VMs hovers this host and may drop here. */
  readonly dropTarget: boolean;
}

const indentPx = 16;

/**
 * One row of the virtualised tree (WAI-ARIA tree pattern): a treeitem named by its label only, with
 * aria-level, aria-setsize and aria-posinset (most rows are not in the DOM), aria-expanded for branches and
 * aria-selected. Clicks, keys and drags are handled by the tree for every row (see resource-tree.tsx).
 */
export const TreeRow = memo(function TreeRow(props: TreeRowProps) {
  switch (props.row.node.kind) {
    case 'pool':
      return <PoolRow {...props} />;
    case 'host':
      return <HostRow {...props} />;
    case 'vm':
      return <VmRow {...props} />;
    default:
      return <RowFrame {...props} look={staticLook(props.row.node)} />;
  }
});

function PoolRow(props: TreeRowProps) {
  return <RowFrame {...props} look={usePoolLook(props.row.node.poolId!)} />;
}

function HostRow(props: TreeRowProps) {
  return <RowFrame {...props} look={useHostLook(props.row.node)} />;
}

function VmRow(props: TreeRowProps) {
  return <RowFrame {...props} look={useVmLook(props.row.node)} />;
}

function RowFrame({ row, top, selected, tabStop, dropTarget, look }: TreeRowProps & { look: RowLook }) {
  const ids = useId();
  const { node } = row;
  // Objects of a pool that is not connected now come from a mirror that is not live: drawn faded.
  const stale = usePoolsStore((state) => node.kind !== 'pool' && node.poolId !== null && state.pools.get(node.poolId)?.state !== 'connected');
  const describedBy = [look.icon.label ? `${ids}-icon` : null, ...look.badges.map((_, i) => `${ids}-badge${i}`), look.state ? `${ids}-state` : null].filter(Boolean).join(' ');
  const facts = [look.icon.label, ...look.badges, look.state?.text].filter(Boolean).join(', ');
  const className = ['tree-item', selected && 'selected', dropTarget && 'drop-target', stale && 'stale', look.state && 'tall'].filter(Boolean).join(' ');
  return (
    <div
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.expanded}
      aria-selected={selected}
      aria-labelledby={`${ids}-name`}
      aria-describedby={describedBy || undefined}
      tabIndex={tabStop ? 0 : -1}
      data-row-id={node.rowId}
      draggable={node.kind === 'vm' ? true : undefined}
      className={className}
      title={facts ? `${node.name} (${facts})` : node.name}
      style={{ top, height: heightOf(row), paddingLeft: (row.level - 1) * indentPx + 4 }}
    >
      <div className="tree-line">
        <span className={row.expanded === undefined ? 'twisty leaf' : 'twisty'} data-twisty="" aria-hidden="true">
          {row.expanded === undefined ? '' : row.expanded ? '▾' : '▸'}
        </span>
        {look.icon.label ? (
          <span id={`${ids}-icon`} className={`tree-icon ${look.icon.className}`} role="img" aria-label={look.icon.label}>
            {look.icon.glyph}
          </span>
        ) : (
          <span className={`tree-icon ${look.icon.className}`} aria-hidden="true">
            {look.icon.glyph}
          </span>
        )}
        <span id={`${ids}-name`} className="tree-name">
          {node.name}
        </span>
        {look.badges.length > 0 && (
          <span className="tree-badges">
            {look.badges.map((badge, i) => (
              <span key={badge} id={`${ids}-badge${i}`} className="tree-badge">
                {badge}
              </span>
            ))}
          </span>
        )}
      </div>
      {look.state && (
        <div id={`${ids}-state`} className={`tree-state ${look.state.tone}`}>
          {look.state.text}
        </div>
      )}
    </div>
  );
}
