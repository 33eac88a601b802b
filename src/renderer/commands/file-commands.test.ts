import { beforeEach, describe, expect, it } from 'vitest';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { useDialogStore } from '../store/dialog-store.js';
import { usePoolsStore } from '../store/pools-store.js';
import { createFakeBridge, settle, type FakeBridge } from '../testing/fake-bridge.js';
import { testRecord } from '../testing/test-record.js';
import { commandById, runCommand } from './registry.js';
import { makeCommandSelection } from './selection.js';
import { snapshotKey } from './snapshot-commands.js';

const connected = new Map([['p1', 'connected' as const]]);
const vm = (id: string, powerState: XapiRecord<'VM'>['power_state'], allowed: XapiRecord<'VM'>['allowed_operations']) => testRecord('VM', id, { name_label: id, power_state: powerState, allowed_operations: allowed });
const selected = (record: XapiRecord<'VM'>) => makeCommandSelection([`vm:${record.$id}`], [record], connected);

let bridge: FakeBridge;
beforeEach(() => {
  bridge = createFakeBridge();
  useDialogStore.getState().close();
});

describe('export and import commands', () => {
  it('opens Export… for a halted VM, and for a running one XAPI lets Xenith snapshot; not for one it can do neither to', async () => {
    expect(runCommand(commandById('vm.export'), { bridge, selection: selected(vm('halted', 'Halted', ['export', 'snapshot'])) })).toBe(true);
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'exportVm', vmId: 'halted' });
    expect(commandById('vm.export').isEnabled(selected(vm('running', 'Running', ['snapshot'])))).toBe(true);
    expect(commandById('vm.export').isEnabled(selected(vm('busy', 'Running', [])))).toBe(false);
  });

  it('exports a snapshot from the Snapshots tab with the same dialog', async () => {
    const snapshot = testRecord('VM', 's1', { name_label: 'before upgrade', is_a_snapshot: true, is_a_template: true, allowed_operations: ['export', 'clone'] });
    expect(runCommand(commandById('snapshot.export'), { bridge, selection: makeCommandSelection([snapshotKey('s1')], [snapshot], connected) })).toBe(true);
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'exportVm', vmId: 's1' });
  });

  it('opens the Import wizard on the selected connected pool, and only once some pool is connected', async () => {
    usePoolsStore.getState().replacePools([]);
    expect(commandById('file.import').isEnabled(selected(vm('halted', 'Halted', [])))).toBe(false);
    usePoolsStore.getState().replacePools([{ poolId: 'p1', label: 'Lab', address: 'lab', state: 'connected' } as never]);
    expect(runCommand(commandById('file.import'), { bridge, selection: selected(vm('halted', 'Halted', [])) })).toBe(true);
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'importWizard', poolId: 'p1' });
  });
});
