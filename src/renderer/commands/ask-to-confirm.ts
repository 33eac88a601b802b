import { useDialogStore } from '../store/dialog-store.js';

export interface Confirmation {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
}

/** Asks the confirm dialog (force operations, deletes, server reboots) and runs `action` only when confirmed. */
export function askToConfirm(confirmation: Confirmation, action: () => void | Promise<void>): void {
  useDialogStore.getState().show({
    kind: 'confirm',
    ...confirmation,
    onConfirm: () => {
      void action();
    },
  });
}
