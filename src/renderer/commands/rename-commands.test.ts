import { beforeEach, describe, expect, it } from 'vitest';
import type { XapiObject } from '../../shared/xapi/objects.js';
import { testRecord } from '../testing/test-record.js';
import { createFakeBridge, settle } from '../testing/fake-bridge.js';
import { useDialogStore } from '../store/dialog-store.js';
import { commandById, runCommand } from './registry.js';
import { makeCommandSelection } from './selection.js';

const vm = testRecord('VM', 'vm1', { name_label: 'web-01', is_a_template: false, power_state: 'Halted' });
const template = testRecord('VM', 'tpl1', { name_label: 'Debian', is_a_template: true });
const sr = testRecord('SR', 'sr1', { name_label: 'NFS' });
const selectionOf = (object: XapiObject, key: string) => makeCommandSelection([key], [object], new Map([['p1', 'connected']]));

beforeEach(() => useDialogStore.getState().close());

describe("a menu's Rename", () => {
  it('renames only its own kind of object, and says what to select otherwise', async () => {
    const onVm = selectionOf(vm, 'vm:vm1');
    expect(commandById('sr.rename').isEnabled(onVm)).toBe(false);
    expect(commandById('sr.rename').disabledReason?.(onVm)).toBe('Select one storage repository to rename it.');
    expect(commandById('template.rename').isEnabled(onVm)).toBe(false);
    expect(commandById('vm.rename').isEnabled(onVm)).toBe(true);
    expect(runCommand(commandById('sr.rename'), { bridge: createFakeBridge(), selection: onVm })).toBe(false);
    expect(useDialogStore.getState().open).toBeNull();

    expect(runCommand(commandById('sr.rename'), { bridge: createFakeBridge(), selection: selectionOf(sr, 'sr:sr1') })).toBe(true);
    await settle();
    expect(useDialogStore.getState().open).toEqual({ kind: 'rename', objectId: 'sr1' });
    expect(commandById('template.rename').isEnabled(selectionOf(template, 'template:tpl1'))).toBe(true);
    expect(commandById('vm.rename').isEnabled(selectionOf(template, 'template:tpl1'))).toBe(false);
  });
});
