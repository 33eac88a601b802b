import { beforeEach, describe, expect, it } from 'vitest';
import type { PoolState } from '../../shared/api/pool-schema.js';
import { commandIds, type CommandId } from '../../shared/ui/menu-model.js';
import type { XapiObject, XapiRecord } from '../../shared/xapi/objects.js';
import type { XapiRecords } from '../../shared/xapi/records.gen.js';
import { testRecord } from '../testing/test-record.js';
import { createFakeBridge, settle, type FakeBridge } from '../testing/fake-bridge.js';
import { useAppStore } from '../store/app-store.js';
import { useDialogStore, type DialogRequest } from '../store/dialog-store.js';
import type { CommandSelection } from './command.js';
import { commandById, commands, runCommand } from './registry.js';
import { makeCommandSelection } from './selection.js';

type Vm = XapiRecord<'VM'>;

function vm(id: string, powerState: Vm['power_state'], allowed: Vm['allowed_operations'], extra: Partial<XapiRecords['VM']> = {}): Vm {
  return testRecord('VM', id, { name_label: `vm-${id}`, power_state: powerState, allowed_operations: allowed, ...extra });
}
function host(id: string, enabled: boolean, allowed: XapiRecord<'host'>['allowed_operations']): XapiRecord<'host'> {
  return testRecord('host', id, { name_label: `host-${id}`, enabled, allowed_operations: allowed });
}
function keyOf(object: XapiObject): string {
  return object.$type === 'host' ? `host:${object.$id}` : `vm:${object.$id}`;
}
function selectionOf(objects: XapiObject[], poolState: PoolState = 'connected'): CommandSelection {
  return makeCommandSelection(objects.map(keyOf), objects, new Map([['p1', poolState]]));
}
function poolSelection(state: PoolState): CommandSelection {
  return makeCommandSelection(['pool:p1'], [], new Map([['p1', state]]));
}

const halted = vm('a', 'Halted', ['start', 'start_on', 'clone', 'copy', 'destroy', 'make_into_template']);
const running = vm('b', 'Running', ['clean_shutdown', 'clean_reboot', 'hard_shutdown', 'hard_reboot', 'suspend', 'pause', 'pool_migrate']);
const suspended = vm('c', 'Suspended', ['resume', 'hard_shutdown']);
const paused = vm('d', 'Paused', ['unpause', 'hard_shutdown']);

let bridge: FakeBridge;
beforeEach(() => {
  bridge = createFakeBridge();
  bridge.handle('vm.power', () => ({ ok: true, output: { jobIds: ['j1'] } }));
  bridge.handle('host.power', () => ({ ok: true, output: { jobIds: ['j2'] } }));
  bridge.handle('host.exitMaintenance', () => ({ ok: true, output: { jobIds: ['j3'] } }));
  useDialogStore.getState().close();
  useAppStore.getState().setError(null);
});

/** Runs a command and lets its async part finish; returns whether it ran. */
async function run(id: CommandId, selection: CommandSelection): Promise<boolean> {
  const ran = runCommand(commandById(id), { bridge, selection });
  await settle();
  return ran;
}

function openDialog(): DialogRequest | null {
  return useDialogStore.getState().open;
}

describe('commands', () => {
  it('has one command for every id the menus can send', () => {
    expect([...commands.keys()].sort()).toEqual([...commandIds].sort());
  });

  it('enables VM power commands from allowed_operations', () => {
    const enabled = (id: CommandId, objects: XapiObject[]) => commandById(id).isEnabled(selectionOf(objects));
    expect(enabled('vm.start', [halted])).toBe(true);
    expect(enabled('vm.start', [running])).toBe(false);
    expect(enabled('vm.shutdown', [running])).toBe(true);
    expect(enabled('vm.shutdown', [halted])).toBe(false);
    expect(enabled('vm.reboot', [running])).toBe(true);
    expect(enabled('vm.forceShutdown', [suspended])).toBe(true);
    expect(enabled('vm.forceReboot', [halted])).toBe(false);
    expect(enabled('vm.migrate', [running])).toBe(true);
    expect(enabled('vm.clone', [halted])).toBe(true);
    expect(enabled('vm.clone', [running])).toBe(false);
    expect(enabled('vm.delete', [halted])).toBe(true);
    expect(enabled('vm.convertToTemplate', [halted])).toBe(true);
  });

  it('enables Migrate to Server for a halted VM XAPI can send, once another pool is connected', () => {
    const sendable = vm('h', 'Halted', ['start', 'migrate_send']);
    const alone = makeCommandSelection(['vm:h'], [sendable], new Map([['p1', 'connected']]));
    const withOther = makeCommandSelection(['vm:h'], [sendable], new Map<string, PoolState>([['p1', 'connected'], ['p2', 'connected']]));
    const otherDown = makeCommandSelection(['vm:h'], [sendable], new Map<string, PoolState>([['p1', 'connected'], ['p2', 'reconnecting']]));
    expect(commandById('vm.migrate').isEnabled(alone)).toBe(false);
    expect(commandById('vm.migrate').isEnabled(withOther)).toBe(true);
    expect(commandById('vm.migrate').isEnabled(otherDown)).toBe(false);
    // Copy VM of a running VM: only to another pool (from a snapshot), so only when one is connected.
    const live = vm('r', 'Running', ['snapshot', 'clean_shutdown']);
    expect(commandById('vm.copy').isEnabled(makeCommandSelection(['vm:r'], [live], new Map([['p1', 'connected']])))).toBe(false);
    expect(commandById('vm.copy').isEnabled(makeCommandSelection(['vm:r'], [live], new Map<string, PoolState>([['p1', 'connected'], ['p2', 'connected']])))).toBe(true);
  });

  it('disables everything on a VM whose pool is not connected, and says why', () => {
    const selection = selectionOf([halted], 'reconnecting');
    const start = commandById('vm.start');
    expect(start.appliesTo(selection)).toBe(true);
    expect(start.isEnabled(selection)).toBe(false);
    expect(start.disabledReason?.(selection)).toBe("The pool of 'vm-a' is not connected.");
  });

  it('says when a VM is busy or in the wrong state', () => {
    const busy = vm('e', 'Halted', [], { current_operations: { 'OpaqueRef:t': 'start' } });
    expect(commandById('vm.start').disabledReason?.(selectionOf([busy]))).toBe("'vm-e' is busy (start).");
    expect(commandById('vm.shutdown').disabledReason?.(selectionOf([halted]))).toBe("'vm-a' is halted.");
    expect(commandById('vm.start').disabledReason?.(selectionOf([running]))).toBe("'vm-b' is already running.");
    expect(commandById('vm.start').disabledReason?.(selectionOf([halted]))).toBeUndefined();
  });

  it("gives XAPI's refusal, not the power state, when the state allows an operation the pool does not", () => {
    // A halted VM whose allowed_operations lack start (what a new VM from a template showed before XAPI updated them).
    const refused = vm('f', 'Halted', ['clone', 'copy', 'destroy']);
    expect(commandById('vm.start').disabledReason?.(selectionOf([refused]))).toBe("The pool does not allow start on 'vm-f' now.");
    expect(commandById('vm.suspendResume').disabledReason?.(selectionOf([vm('g', 'Suspended', [])]))).toBe("The pool does not allow resume on 'vm-g' now.");
    expect(commandById('vm.delete').disabledReason?.(selectionOf([running]))).toBe("'vm-b' is running.");
  });

  it('shows VM commands only for VMs, and single-object commands only for one', () => {
    expect(commandById('vm.start').appliesTo(selectionOf([host('h', true, [])]))).toBe(false);
    expect(commandById('vm.start').appliesTo(selectionOf([halted, running]))).toBe(true);
    expect(commandById('vm.clone').appliesTo(selectionOf([halted, vm('x', 'Halted', ['clone'])]))).toBe(false);
    expect(commandById('object.rename').appliesTo(selectionOf([halted, running]))).toBe(false);
    const template = vm('t', 'Halted', [], { is_a_template: true });
    expect(commandById('vm.start').appliesTo(makeCommandSelection(['template:t'], [template], new Map([['p1', 'connected']])))).toBe(false);
  });

  it('starts every selected VM that can start in one vm.power call', async () => {
    const other = vm('f', 'Halted', ['start']);
    expect(await run('vm.start', selectionOf([halted, running, other]))).toBe(true);
    expect(bridge.calls).toEqual([{ method: 'vm.power', input: { vmIds: ['a', 'f'], operation: 'start' } }]);
  });

  it('does nothing when a disabled command is triggered (a shortcut at the wrong moment)', async () => {
    expect(await run('vm.start', selectionOf([running]))).toBe(false);
    expect(bridge.calls).toEqual([]);
  });

  it('reads Suspend or Resume, Pause or Unpause, from the primary VM', async () => {
    const suspendResume = commandById('vm.suspendResume');
    expect(suspendResume.label(selectionOf([running]))).toBe('Suspend');
    expect(suspendResume.label(selectionOf([suspended]))).toBe('Resume');
    expect(commandById('vm.pause').label(selectionOf([paused]))).toBe('Unpause');
    await run('vm.suspendResume', selectionOf([suspended]));
    await run('vm.pause', selectionOf([paused]));
    expect(bridge.calls.map((call) => call.input)).toEqual([
      { vmIds: ['c'], operation: 'resume' },
      { vmIds: ['d'], operation: 'unpause' },
    ]);
  });

  it('asks before a force shut down and acts only when confirmed', async () => {
    await run('vm.forceShutdown', selectionOf([running]));
    const dialog = openDialog();
    expect(dialog).toMatchObject({ kind: 'confirm', title: 'Force Shut Down', confirmLabel: 'Force Shut Down', danger: true });
    expect(dialog?.kind === 'confirm' && dialog.message).toContain("'vm-b'");
    expect(bridge.calls).toEqual([]);
    if (dialog?.kind === 'confirm') dialog.onConfirm();
    await settle();
    expect(bridge.calls).toEqual([{ method: 'vm.power', input: { vmIds: ['b'], operation: 'hard_shutdown' } }]);
  });

  it('opens the dialogs with what they need', async () => {
    await run('vm.startOn', selectionOf([halted]));
    expect(openDialog()).toEqual({ kind: 'startOn', vmId: 'a' });
    await run('vm.migrate', selectionOf([running]));
    expect(openDialog()).toEqual({ kind: 'migrate', vmIds: ['b'] });
    await run('vm.delete', selectionOf([halted]));
    expect(openDialog()).toEqual({ kind: 'deleteVm', vmId: 'a' });
    await run('object.rename', selectionOf([running]));
    expect(openDialog()).toEqual({ kind: 'rename', objectId: 'b' });
    const template = vm('t', 'Halted', [], { is_a_template: true });
    await run('vm.new', makeCommandSelection(['template:t'], [template], new Map([['p1', 'connected']])));
    expect(openDialog()).toEqual({ kind: 'newVm', poolId: 'p1', templateId: 't' });
  });

  it('shows a refused call with its sentence and code', async () => {
    bridge.handle('vm.power', () => ({ ok: false, error: { code: 'VM_BAD_POWER_STATE', message: 'The VM must be halted for this.' } }));
    await run('vm.start', selectionOf([halted]));
    expect(useAppStore.getState().lastError).toEqual({ code: 'VM_BAD_POWER_STATE', message: 'The VM must be halted for this.' });
  });

  it('enters maintenance through its dialog and exits it with one call', async () => {
    const live = host('h1', true, ['evacuate', 'reboot']);
    const disabled = host('h2', false, ['enable']);
    const maintenance = commandById('host.enterMaintenance');
    expect(maintenance.label(selectionOf([live]))).toBe('Enter Maintenance Mode…');
    expect(maintenance.label(selectionOf([disabled]))).toBe('Exit Maintenance Mode');
    await run('host.enterMaintenance', selectionOf([live]));
    expect(openDialog()).toEqual({ kind: 'enterMaintenance', hostId: 'h1' });
    await run('host.enterMaintenance', selectionOf([disabled]));
    expect(bridge.calls).toEqual([{ method: 'host.exitMaintenance', input: { hostId: 'h2' } }]);
  });

  it('asks before a server reboot or shut down, also while VMs run there; enables and disables from the enabled flag', async () => {
    const live = host('h1', true, ['evacuate', 'reboot']);
    // XAPI lists no reboot or shutdown while VMs run; XenCenter still offers them (moving the VMs off first).
    const busyWithVms = host('h3', true, ['evacuate', 'vm_start']);
    const down = host('h4', true, ['power_on']);
    const disabled = host('h2', false, ['enable']);
    expect(commandById('host.disable').isEnabled(selectionOf([live]))).toBe(true);
    expect(commandById('host.disable').isEnabled(selectionOf([disabled]))).toBe(false);
    expect(commandById('host.enable').isEnabled(selectionOf([disabled]))).toBe(true);
    expect(commandById('host.shutdown').isEnabled(selectionOf([busyWithVms]))).toBe(true);
    expect(commandById('host.reboot').isEnabled(selectionOf([down]))).toBe(false);
    await run('host.reboot', selectionOf([live]));
    expect(openDialog()).toEqual({ kind: 'hostPower', hostIds: ['h1'], operation: 'reboot' });
    expect(bridge.calls).toEqual([]);
  });

  it('connects or disconnects a pool row by its connection state', async () => {
    expect(commandById('pool.connect').isEnabled(poolSelection('disconnected'))).toBe(true);
    expect(commandById('pool.connect').isEnabled(poolSelection('connected'))).toBe(false);
    expect(commandById('pool.disconnect').isEnabled(poolSelection('reconnecting'))).toBe(true);
    expect(commandById('pool.connect').appliesTo(selectionOf([halted]))).toBe(false);
    bridge.handle('pool.connect', () => ({ ok: false, error: { code: 'ECONNREFUSED', message: 'The server refused the connection.' } }));
    await run('pool.connect', poolSelection('error'));
    expect(bridge.calls).toEqual([{ method: 'pool.connect', input: { poolId: 'p1' } }]);
    expect(useAppStore.getState().lastError?.code).toBe('ECONNREFUSED');
  });

  it('offers New VM only once a pool is connected', () => {
    expect(commandById('vm.new').isEnabled(makeCommandSelection([], [], new Map([['p1', 'connecting']])))).toBe(false);
    expect(commandById('vm.new').isEnabled(makeCommandSelection([], [], new Map([['p1', 'connected']])))).toBe(true);
  });
});
