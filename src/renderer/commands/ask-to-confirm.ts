import { useDialogStore } from '../store/dialog-store.js';

export interface Confirmation {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** Offers "Don't ask me again": called when the person confirms with it ticked. */
  readonly dontAskAgain?: () => void;
}

/** Asks the confirm dialog (force operations, deletes, server reboots) and runs `action` only when confirmed. */
export function askToConfirm(confirmation: Confirmation, action: () => void | Promise<void>): void {
  const { dontAskAgain, ...question } = confirmation;
  useDialogStore.getState().show({
    kind: 'confirm',
    ...question,
    ...(dontAskAgain ? { onDontAskAgain: dontAskAgain } : {}),
    onConfirm: () => {
      void action();
    },
  });
}
