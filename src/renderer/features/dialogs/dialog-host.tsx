import { useDialogStore } from '../../store/dialog-store.js';
import { AddPoolDialog } from '../pools/add-pool-dialog.js';

/** Renders the dialog a command opened through the dialog store (one at a time, as modal dialogs are). */
export function DialogHost() {
  const open = useDialogStore((state) => state.open);
  const close = useDialogStore((state) => state.close);
  if (!open) return null;
  switch (open.kind) {
    case 'addPool':
      return <AddPoolDialog onClose={close} />;
    default:
      return null;
  }
}
