import { create } from 'zustand';
import type { PageId } from '../features/properties/draft-common.js';

/**
 * Every dialog a command can open, with what it needs. Commands (menus, toolbar, shortcuts, context menus,
 * drag and drop) only open dialogs through this store; `DialogHost` renders the open one.
 */
export type DialogRequest =
  | { kind: 'addPool' }
  | { kind: 'newSr'; poolId: string | null }
  | { kind: 'newNetwork'; poolId: string | null }
  | { kind: 'destroySr'; srId: string }
  | { kind: 'addDisk'; vmId?: string; srId?: string }
  | { kind: 'attachDisk'; vmId: string }
  | { kind: 'diskProperties'; vdiId: string }
  | { kind: 'moveDisk'; vdiId: string }
  | { kind: 'vmInterface'; vmId: string; vifId?: string }
  | { kind: 'managementInterface'; hostId: string }
  | { kind: 'storageInterface'; hostId: string; pifId?: string }
  | { kind: 'newVm'; poolId: string | null; templateId?: string }
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; danger?: boolean; onConfirm: () => void; onDontAskAgain?: () => void }
  | { kind: 'startOn'; vmId: string }
  | { kind: 'migrate'; vmIds: readonly string[]; hostId?: string }
  | { kind: 'crossPoolMigrate'; vmId: string; hostId?: string }
  | { kind: 'clone'; vmId: string }
  | { kind: 'copy'; vmId: string }
  | { kind: 'exportVm'; vmId: string }
  | { kind: 'importWizard'; poolId: string | null }
  | { kind: 'deleteVm'; vmId: string }
  | { kind: 'rename'; objectId: string }
  | { kind: 'properties'; objectId: string; page?: PageId }
  | { kind: 'enterMaintenance'; hostId: string }
  | { kind: 'hostPower'; hostIds: readonly string[]; operation: 'reboot' | 'shutdown' }
  | { kind: 'exitMaintenance'; hostId: string }
  | { kind: 'reconnectAs'; poolId: string }
  | { kind: 'alertSettings'; objectId: string }
  | { kind: 'about' }
  | { kind: 'options' }
  | { kind: 'takeSnapshot'; vmId: string }
  | { kind: 'revertSnapshot'; snapshotId: string }
  | { kind: 'newVmFromSnapshot'; snapshotId: string; asTemplate: boolean }
  | { kind: 'snapshotProperties'; snapshotId: string }
  | { kind: 'snapshotSchedules'; poolId: string }
  | { kind: 'editSchedule'; poolId: string; vmssId: string | null }
  | { kind: 'installUpdate'; poolId: string | null };

export interface DialogState {
  readonly open: DialogRequest | null;
  show(request: DialogRequest): void;
  close(): void;
}

export const useDialogStore = create<DialogState>()((set) => ({
  open: null,
  show: (request) => set({ open: request }),
  close: () => set({ open: null }),
}));
