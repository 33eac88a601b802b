import { beforeEach, describe, expect, it } from 'vitest';
import { snapshotMenuEntries } from '../../shared/ui/menu-model.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { menuRows } from '../features/menu/menu-items.js';
import { useDialogStore } from '../store/dialog-store.js';
import { createFakeBridge, settle, type FakeBridge } from '../testing/fake-bridge.js';
import { testRecord } from '../testing/test-record.js';
import { commandById, runCommand } from './registry.js';
import { makeCommandSelection } from './selection.js';
import { snapshotKey } from './snapshot-commands.js';

const connected = new Map([['p1', 'connected' as const]]);
const snapshot = (id: string, allowed: XapiRecord<'VM'>['allowed_operations'] = ['revert', 'clone', 'destroy']) =>
  testRecord('VM', id, { name_label: `snap-${id}`, is_a_snapshot: true, is_a_template: true, allowed_operations: allowed });
const snapshots = (...records: XapiRecord<'VM'>[]) => makeCommandSelection(records.map((r) => snapshotKey(r.$id)), records, connected);
const running = testRecord('VM', 'vm', { name_label: 'web-01', power_state: 'Running', allowed_operations: ['snapshot', 'checkpoint'] });

let bridge: FakeBridge;
beforeEach(() => {
  bridge = createFakeBridge();
  bridge.handle('snapshot.delete', () => ({ ok: true, output: { jobIds: ['j1', 'j2'] } }));
  useDialogStore.getState().close();
});

describe('snapshot commands', () => {
  it('take a snapshot of a VM, and revert, copy and inspect one snapshot at a time', async () => {
    expect(runCommand(commandById('vm.takeSnapshot'), { bridge, selection: makeCommandSelection(['vm:vm'], [running], connected) })).toBe(true);
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'takeSnapshot', vmId: 'vm' });
    runCommand(commandById('snapshot.newTemplate'), { bridge, selection: snapshots(snapshot('s1')) });
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'newVmFromSnapshot', snapshotId: 's1', asTemplate: true });
    expect(commandById('snapshot.revert').appliesTo(snapshots(snapshot('s1'), snapshot('s2')))).toBe(false);
    expect(commandById('snapshot.revert').isEnabled(snapshots(snapshot('s1', ['destroy'])))).toBe(false);
    expect(commandById('snapshot.revert').appliesTo(makeCommandSelection(['vm:vm'], [running], connected))).toBe(false);
  });

  it('deletes several snapshots in one call, after asking', async () => {
    expect(runCommand(commandById('snapshot.delete'), { bridge, selection: snapshots(snapshot('s1'), snapshot('s2')) })).toBe(true);
    await settle();
    const asked = useDialogStore.getState().open;
    expect(asked).toMatchObject({ kind: 'confirm', title: 'Delete Snapshot', danger: true, message: expect.stringContaining('2 snapshots') });
    expect(bridge.calls).toEqual([]);
    if (asked?.kind === 'confirm') asked.onConfirm();
    await settle();
    expect(bridge.calls).toEqual([{ method: 'snapshot.delete', input: { snapshotIds: ['s1', 's2'] } }]);
  });

  it('lists in the Snapshots tab menu only what applies: Take Snapshot… on Now, the snapshot commands on snapshots', () => {
    const labels = (selection: ReturnType<typeof snapshots>) => menuRows(snapshotMenuEntries, selection, true).flatMap((row) => (row.kind === 'item' ? [row.label] : ['—']));
    expect(labels(makeCommandSelection(['vm:vm'], [running], connected))).toEqual(['Take Snapshot…']);
    expect(labels(snapshots(snapshot('s1')))).toEqual(['Revert To…', '—', 'New VM from Snapshot…', 'New Template from Snapshot…', 'Export Snapshot…', '—', 'Delete', '—', 'Properties']);
    expect(labels(snapshots(snapshot('s1'), snapshot('s2')))).toEqual(['Delete']);
  });

  it('opens the pool\'s snapshot schedules from a pool row or a VM', async () => {
    runCommand(commandById('pool.snapshotSchedules'), { bridge, selection: makeCommandSelection(['vm:vm'], [running], connected) });
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'snapshotSchedules', poolId: 'p1' });
    expect(commandById('pool.snapshotSchedules').isEnabled(makeCommandSelection(['pool:p1'], [], new Map([['p1', 'disconnected' as const]])))).toBe(false);
  });
});
