import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import type { CommandSelection } from '../../commands/command.js';
import { commandById, runCommand } from '../../commands/registry.js';
import { makeCommandSelection, poolStatesOf } from '../../commands/selection.js';
import { snapshotKey } from '../../commands/snapshot-commands.js';
import { objectOf } from '../../store/mirror-read.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { useMirror } from '../details/use-mirror.js';
import { ScheduleLine } from './schedule-line.js';
import { SnapshotContextMenu } from './snapshot-context-menu.js';
import { SnapshotDetails } from './snapshot-details.js';
import { snapshotListRow } from './snapshot-facts.js';
import { SnapshotListView } from './snapshot-list-view.js';
import { emptySelection, keepDrawn, moveSelection, selectRow, type SelectMode, type SnapshotSelection } from './snapshot-selection.js';
import { nowNodeId, snapshotsOf, snapshotTreeRows } from './snapshot-tree.js';
import { SnapshotTreeView, treeRowHeight } from './snapshot-tree-view.js';
import './snapshots.css';

type View = 'tree' | 'list';

/**
 * The Snapshots tab (XenCenter's): Take Snapshot…, Revert To… and the other snapshot commands, a tree of the VM's
 * snapshots with Now, or a sortable list; the chosen snapshot's screenshot, details and disks; and the schedule that
 * covers the VM. Menus, buttons and keys run the same commands, on the snapshots chosen here.
 */
export function SnapshotsTab({ vm }: { vm: XapiRecord<'VM'> }) {
  const bridge = useBridge();
  const vmId = vm.$id;
  const data = useMirror(
    (index) => {
      const current = objectOf(index, 'VM', vmId);
      const snapshots = current ? snapshotsOf(index, current) : [];
      return {
        vm: current,
        snapshots,
        tree: current ? snapshotTreeRows(current, snapshots) : [],
        list: snapshots.map((snapshot) => snapshotListRow(index, snapshot)),
      };
    },
    [vmId],
  );
  const pools = usePoolsStore(useShallow((state) => state.pools));
  const poolStates = useMemo(() => poolStatesOf(pools), [pools]);
  const [view, setView] = useState<View>('tree');
  const [selection, setSelection] = useState<SnapshotSelection>(emptySelection);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; all: boolean } | null>(null);
  const treeOrder = useMemo(() => data.tree.map((row) => row.node.id), [data.tree]);
  const listOrder = useMemo(() => data.list.map((row) => row.id), [data.list]);
  const order = view === 'tree' ? treeOrder : listOrder;
  const current = keepDrawn(selection, order);
  useEffect(() => {
    if (current !== selection) setSelection(current);
  }, [current, selection]);

  const snapshotsById = useMemo(() => new Map(data.snapshots.map((snapshot) => [snapshot.$id, snapshot])), [data.snapshots]);
  const chosenSnapshots = current.ids.flatMap((id) => snapshotsById.get(id) ?? []);
  const vmSelection: CommandSelection = useMemo(() => makeCommandSelection(data.vm ? [`vm:${vmId}`] : [], data.vm ? [data.vm] : [], poolStates), [data.vm, vmId, poolStates]);
  const commandSelection: CommandSelection =
    chosenSnapshots.length === 0 ? vmSelection : makeCommandSelection(chosenSnapshots.map((snapshot) => snapshotKey(snapshot.$id)), chosenSnapshots, poolStates);
  const run = (id: Parameters<typeof commandById>[0], on: CommandSelection = commandSelection) => runCommand(commandById(id), { bridge, selection: on });
  const enabled = (id: Parameters<typeof commandById>[0], on: CommandSelection = commandSelection) => {
    const command = commandById(id);
    return command.appliesTo(on) && command.isEnabled(on);
  };

  const onSelect = useCallback((id: string, mode: SelectMode) => setSelection((was) => selectRow(was, order, id, mode)), [order]);
  const onPick = useCallback((id: string) => setSelection({ ids: [id], anchor: id }), []);
  const onActivate = useCallback((id: string) => {
    setSelection({ ids: [id], anchor: id });
    if (id === nowNodeId) return;
    const snapshot = snapshotsById.get(id);
    if (snapshot) runCommand(commandById('snapshot.properties'), { bridge, selection: makeCommandSelection([snapshotKey(id)], [snapshot], poolStates) });
  }, [snapshotsById, bridge, poolStates]);
  const openMenu = useCallback((event: MouseEvent, id: string | null) => {
    event.preventDefault();
    if (id === null) setSelection(emptySelection);
    setMenu({ at: { x: event.clientX, y: event.clientY }, all: false });
  }, []);
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const moved = moveSelection(current, order, event.key);
    if (moved) {
      event.preventDefault();
      setSelection(moved);
      return;
    }
    if (event.key === 'Delete' && chosenSnapshots.length > 0) {
      // The window's Delete deletes the VM selected in the tree: here it means the chosen snapshots.
      event.preventDefault();
      event.stopPropagation();
      run('snapshot.delete');
    } else if (event.key === 'Enter' && current.anchor !== null) {
      event.preventDefault();
      onActivate(current.anchor);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      event.stopPropagation();
      const box = event.currentTarget.getBoundingClientRect();
      const at = Math.max(0, order.indexOf(current.anchor ?? ''));
      setMenu({ at: { x: box.left + 40, y: box.top + (at + 1) * treeRowHeight - event.currentTarget.scrollTop }, all: false });
    }
  };

  if (!data.vm) return null;
  const single = chosenSnapshots.length === 1 ? chosenSnapshots[0]! : null;
  return (
    <div className="snapshots-tab">
      <div className="snapshots-toolbar" role="toolbar" aria-label="Snapshots">
        <button type="button" className="toolbar-button" disabled={!enabled('vm.takeSnapshot', vmSelection)} onClick={() => run('vm.takeSnapshot', vmSelection)}>
          Take Snapshot…
        </button>
        <button type="button" className="toolbar-button" disabled={!enabled('snapshot.revert')} onClick={() => run('snapshot.revert')}>
          Revert To…
        </button>
        <button
          type="button"
          className="toolbar-button"
          aria-haspopup="menu"
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            setMenu({ at: { x: box.left, y: box.bottom + 2 }, all: true });
          }}
        >
          Actions <span aria-hidden="true">▾</span>
        </button>
        <span className="spacer" />
        <div className="view-choice" role="radiogroup" aria-label="View">
          {(['tree', 'list'] as const).map((choice) => (
            <label key={choice} className={view === choice ? 'view-option active' : 'view-option'}>
              <input type="radio" name={`snapshot-view-${vmId}`} className="visually-hidden" checked={view === choice} onChange={() => setView(choice)} />
              {choice === 'tree' ? 'Tree' : 'List'}
            </label>
          ))}
        </div>
      </div>
      <ScheduleLine vm={data.vm} onOpenSchedules={() => run('pool.snapshotSchedules', vmSelection)} canOpen={enabled('pool.snapshotSchedules', vmSelection)} />
      <div className="snapshots-body">
        <div className="snapshots-main">
          {view === 'tree' ? (
            <SnapshotTreeView
              rows={data.tree}
              vmName={data.vm.name_label}
              selected={new Set(current.ids)}
              anchor={current.anchor}
              onSelect={onSelect}
              onKey={onKey}
              onContextMenu={openMenu}
              onActivate={onActivate}
            />
          ) : (
            <SnapshotListView rows={data.list} onPick={onPick} onActivate={onActivate} />
          )}
        </div>
        <aside className="snapshots-side" aria-label="Snapshot details">
          {single ? (
            <SnapshotDetails snapshot={single} />
          ) : (
            <p className="snapshots-hint">
              {chosenSnapshots.length > 1
                ? `${chosenSnapshots.length} snapshots chosen.`
                : data.snapshots.length === 0
                  ? `'${data.vm.name_label}' has no snapshots yet. Take Snapshot… keeps its disks (and, while it runs, its memory) as they are now.`
                  : 'Choose a snapshot to see its screenshot, details and disks.'}
            </p>
          )}
        </aside>
      </div>
      {menu && <SnapshotContextMenu at={menu.at} all={menu.all} selection={commandSelection} onClose={() => setMenu(null)} />}
    </div>
  );
}
