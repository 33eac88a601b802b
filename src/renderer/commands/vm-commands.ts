import type { VmPowerOperation } from '../../shared/api/methods/vm.js';
import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { useDialogStore, type DialogRequest } from '../store/dialog-store.js';
import type { Command, CommandContext, CommandSelection } from './command.js';
import type { Confirmation } from './ask-to-confirm.js';
import { objectCommand } from './object-command.js';
import { callForCommand } from './report-failure.js';
import { allows, describeObjects, isUserVm } from './selection-facts.js';
import { vmOperationReason } from './vm-operation-states.js';
import { vmPowerQuestion } from './vm-power-questions.js';

type Vm = XapiRecord<'VM'>;

const primaryPowerState = (selection: CommandSelection) => {
  const primary = selection.objects[0];
  return primary && isUserVm(primary) ? primary.power_state : undefined;
};

/** The operation a toggle (Suspend/Resume, Pause/Unpause) means for one VM: read from that VM, not the primary one. */
function operationFor(vm: Vm, operation: (selection: CommandSelection) => VmPowerOperation): VmPowerOperation {
  return operation({ keys: [vm.$id], objects: [vm], poolId: vm.$pool, poolStates: new Map() });
}

/** A power operation on every selected VM that allows it: one vm.power call, one job per VM. */
function vmPowerCommand(
  id: CommandId,
  operation: (selection: CommandSelection) => VmPowerOperation,
  extras: {
    label?: (selection: CommandSelection) => string;
    confirm?: (vms: readonly Vm[], selection: CommandSelection, context: CommandContext) => Confirmation | undefined;
  } = {},
): Command {
  return objectCommand({
    id,
    kind: isUserVm,
    can: (vm, selection) => allows(vm, operation(selection)),
    reason: (vm) => vmOperationReason(vm, operationFor(vm, operation)),
    act: async (vms, { bridge, selection }) => {
      await callForCommand(bridge, 'vm.power', { vmIds: vms.map((vm) => vm.$id), operation: operation(selection) });
    },
    ...extras,
  });
}

/** Force operations are XenCenter's "pull the plug": they ask first. */
function forceConfirmation(label: string, what: string): (vms: readonly Vm[]) => Confirmation {
  return (vms) => ({
    title: label,
    message: `${what} ${describeObjects(vms, 'VM')} now? This is like pulling the power cord: anything the guest has not saved is lost.`,
    confirmLabel: label,
    danger: true,
  });
}

/** Whether a pool other than the VM's is connected (a destination for a cross-pool migrate). */
function anotherPoolConnected(selection: CommandSelection, vm: Vm): boolean {
  return [...selection.poolStates].some(([poolId, state]) => poolId !== vm.$pool && state === 'connected');
}

/** A VM command that opens a dialog (the dialog does the work and reports it). */
function vmDialogCommand(id: CommandId, operation: Vm['allowed_operations'][number], request: (vms: readonly Vm[]) => DialogRequest, single = true): Command {
  return objectCommand({
    id,
    kind: isUserVm,
    single,
    can: (vm) => allows(vm, operation),
    reason: (vm) => vmOperationReason(vm, operation),
    act: (vms) => useDialogStore.getState().show(request(vms)),
  });
}

export const vmCommands: readonly Command[] = [
  vmPowerCommand('vm.start', () => 'start'),
  vmDialogCommand('vm.startOn', 'start_on', ([vm]) => ({ kind: 'startOn', vmId: vm!.$id })),
  vmPowerCommand('vm.shutdown', () => 'clean_shutdown', { confirm: vmPowerQuestion('shutdown') }),
  vmPowerCommand('vm.reboot', () => 'clean_reboot', { confirm: vmPowerQuestion('reboot') }),
  vmPowerCommand('vm.suspendResume', (selection) => (primaryPowerState(selection) === 'Suspended' ? 'resume' : 'suspend'), {
    label: (selection) => (primaryPowerState(selection) === 'Suspended' ? 'Resume' : commandText['vm.suspendResume'].label),
    // Suspend asks; Resume only brings the VM back.
    confirm: (vms, selection, context) => (primaryPowerState(selection) === 'Suspended' ? undefined : vmPowerQuestion('suspend')(vms, selection, context)),
  }),
  vmPowerCommand('vm.pause', (selection) => (primaryPowerState(selection) === 'Paused' ? 'unpause' : 'pause'), {
    label: (selection) => (primaryPowerState(selection) === 'Paused' ? 'Unpause' : commandText['vm.pause'].label),
  }),
  vmPowerCommand('vm.forceShutdown', () => 'hard_shutdown', { confirm: forceConfirmation('Force Shut Down', 'Force shut down') }),
  vmPowerCommand('vm.forceReboot', () => 'hard_reboot', { confirm: forceConfirmation('Force Reboot', 'Force reboot') }),
  // Migrate to Server: a running VM to another server of its pool, or any VM XAPI can send to another connected pool.
  objectCommand({
    id: 'vm.migrate',
    kind: isUserVm,
    can: (vm, selection) => allows(vm, 'pool_migrate') || (allows(vm, 'migrate_send') && anotherPoolConnected(selection, vm)),
    act: (vms) => useDialogStore.getState().show({ kind: 'migrate', vmIds: vms.map((vm) => vm.$id) }),
  }),
  vmDialogCommand('vm.clone', 'clone', ([vm]) => ({ kind: 'clone', vmId: vm!.$id })),
  // Copy VM: within the pool as XAPI allows (halted VMs), or to another connected pool (a running VM from a snapshot).
  objectCommand({
    id: 'vm.copy',
    kind: isUserVm,
    single: true,
    can: (vm, selection) => allows(vm, 'copy') || (allows(vm, 'snapshot') && anotherPoolConnected(selection, vm)),
    act: ([vm]) => useDialogStore.getState().show({ kind: 'copy', vmId: vm!.$id }),
  }),
  objectCommand({
    id: 'vm.convertToTemplate',
    kind: isUserVm,
    single: true,
    can: (vm) => allows(vm, 'make_into_template'),
    reason: (vm) => vmOperationReason(vm, 'make_into_template'),
    confirm: (vms) => ({
      title: 'Convert to Template',
      message: `Convert ${describeObjects(vms, 'VM')} to a template? A template cannot be started; new VMs are made from it. This cannot be undone.`,
      confirmLabel: 'Convert',
    }),
    act: async ([vm], { bridge }) => {
      await callForCommand(bridge, 'vm.convertToTemplate', { vmId: vm!.$id });
    },
  }),
  // The Delete VM dialog is the confirmation: it asks which disks and snapshots go with the VM.
  vmDialogCommand('vm.delete', 'destroy', ([vm]) => ({ kind: 'deleteVm', vmId: vm!.$id })),
];
