import type { DialogRequest } from '../../store/dialog-store.js';
import { DialogFrame } from './dialog-frame.js';

type ConfirmRequest = Extract<DialogRequest, { kind: 'confirm' }>;

/**
 * XenCenter's confirmation: its own title, the message, the action's button. Dangerous actions (force
 * operations, deletes, host reboot or shutdown) get a red button and Cancel focused, so Enter does not destroy.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  const confirm = () => {
    onClose();
    request.onConfirm();
  };
  return (
    <DialogFrame
      title={request.title}
      intro={request.message}
      className="confirm-dialog"
      onCancel={onClose}
      onSubmit={confirm}
      submitLabel={request.confirmLabel}
      danger={request.danger === true}
    />
  );
}
