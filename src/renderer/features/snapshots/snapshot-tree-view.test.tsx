import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BridgeContext } from '../../app/bridge-context.js';
import { createFakeBridge } from '../../testing/fake-bridge.js';
import { testRecord } from '../../testing/test-record.js';
import { snapshotTreeRows } from './snapshot-tree.js';
import { SnapshotTreeView } from './snapshot-tree-view.js';

describe('SnapshotTreeView', () => {
  it('mounts only the rows in view: 200 snapshots put about a screenful of rows in the DOM', () => {
    const snapshots = Array.from({ length: 200 }, (_, i) =>
      testRecord('VM', `s${i}`, { name_label: `snap ${i}`, is_a_snapshot: true, parent: i === 0 ? 'OpaqueRef:NULL' : `s${i - 1}`, snapshot_time: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }),
    );
    const vm = testRecord('VM', 'vm', { name_label: 'web-01', parent: 's199', snapshots: snapshots.map((s) => s.$id) });
    const rows = snapshotTreeRows(vm, snapshots);
    const html = renderToStaticMarkup(
      <BridgeContext.Provider value={createFakeBridge()}>
        <SnapshotTreeView rows={rows} vmName="web-01" selected={new Set()} anchor={null} onSelect={() => {}} onKey={() => {}} onContextMenu={() => {}} onActivate={() => {}} />
      </BridgeContext.Provider>,
    );
    const mounted = html.match(/role="treeitem"/g) ?? [];
    expect(rows).toHaveLength(201);
    expect(mounted.length).toBeGreaterThan(0);
    expect(mounted.length).toBeLessThan(30);
    // The body still has the height of every row, so the scroll bar reaches all 201.
    expect(html).toContain(`height:${201 * 56}px`);
  });
});
