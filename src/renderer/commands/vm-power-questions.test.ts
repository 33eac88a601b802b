import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/api/settings-schema.js';
import { testRecord } from '../testing/test-record.js';
import { createFakeBridge, settle } from '../testing/fake-bridge.js';
import { useAppStore } from '../store/app-store.js';
import { useDialogStore } from '../store/dialog-store.js';
import { commandById, runCommand } from './registry.js';
import { makeCommandSelection } from './selection.js';

const running = testRecord('VM', 'v1', { name_label: 'web-01', power_state: 'Running', allowed_operations: ['clean_shutdown', 'clean_reboot', 'suspend'] });
const suspended = testRecord('VM', 'v2', { name_label: 'db-01', power_state: 'Suspended', allowed_operations: ['resume'] });
const selectionOf = (vm: typeof running) => makeCommandSelection([`vm:${vm.$id}`], [vm], new Map([['p1', 'connected']]));

afterEach(() => {
  useDialogStore.getState().close();
  useAppStore.getState().setSettings(defaultSettings);
});

describe('clean shut down, reboot and suspend ask first', () => {
  it('asks before shutting down, and “Don’t ask me again” turns that question off in the settings', async () => {
    const bridge = createFakeBridge();
    bridge.handle('vm.power', () => ({ ok: true, output: { jobIds: ['j'] } }));
    bridge.handle('settings.set', (patch) => ({ ok: true, output: { ...useAppStore.getState().settings, ...patch } }));
    runCommand(commandById('vm.shutdown'), { bridge, selection: selectionOf(running) });
    await settle();
    const open = useDialogStore.getState().open;
    expect(open).toMatchObject({ kind: 'confirm', title: 'Shut Down VM', message: "Shut down 'web-01'? The guest is asked to shut down cleanly.", confirmLabel: 'Shut Down' });
    expect(bridge.calls.map((call) => call.method)).toEqual([]);
    if (open?.kind !== 'confirm') throw new Error('no question');
    open.onDontAskAgain?.();
    open.onConfirm();
    await settle();
    expect(bridge.calls).toEqual([
      { method: 'settings.set', input: { confirmVmPower: { shutdown: false, reboot: true, suspend: true } } },
      { method: 'vm.power', input: { vmIds: ['v1'], operation: 'clean_shutdown' } },
    ]);

    // Asked no more: the next shut down goes straight to the pool; reboot still asks.
    useDialogStore.getState().close();
    runCommand(commandById('vm.shutdown'), { bridge, selection: selectionOf(running) });
    await settle();
    expect(useDialogStore.getState().open).toBeNull();
    runCommand(commandById('vm.reboot'), { bridge, selection: selectionOf(running) });
    await settle();
    expect(useDialogStore.getState().open).toMatchObject({ title: 'Reboot VM' });
  });

  it('asks before Suspend, not before Resume', async () => {
    const bridge = createFakeBridge();
    bridge.handle('vm.power', () => ({ ok: true, output: { jobIds: ['j'] } }));
    runCommand(commandById('vm.suspendResume'), { bridge, selection: selectionOf(running) });
    await settle();
    expect(useDialogStore.getState().open).toMatchObject({ title: 'Suspend VM' });
    useDialogStore.getState().close();
    runCommand(commandById('vm.suspendResume'), { bridge, selection: selectionOf(suspended) });
    await settle();
    expect(useDialogStore.getState().open).toBeNull();
    expect(bridge.calls).toEqual([{ method: 'vm.power', input: { vmIds: ['v2'], operation: 'resume' } }]);
  });
});
