import { useDialogStore } from './dialog-store.js';

/**
 * Whether a modal dialog is open now: one a command opened through the dialog store, or any other native
 * `<dialog>` shown modal (the console's Type text…, the trust prompt). While one is, nothing may move the selection
 * underneath it: what the dialog acts on, and the toolbar around it, must stay what the person saw.
 */
export function anyDialogOpen(): boolean {
  if (useDialogStore.getState().open !== null) return true;
  return typeof document !== 'undefined' && document.querySelector('dialog[open]') !== null;
}
