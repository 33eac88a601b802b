import { useState } from 'react';
import type { DialogRequest } from '../../store/dialog-store.js';
import { DialogFrame } from './dialog-frame.js';

type ConfirmRequest = Extract<DialogRequest, { kind: 'confirm' }>;

/**
 * XenCenter's confirmation: its own title, the message, the action's button. Dangerous actions (force
 * operations, deletes, host reboot or shutdown) get a red button and Cancel focused, so Enter does not destroy.
 * Routine questions (shut down, reboot, suspend) offer "Don't ask me again", kept in the settings.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  const [dontAsk, setDontAsk] = useState(false);
  const confirm = () => {
    onClose();
    if (dontAsk) request.onDontAskAgain?.();
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
    >
      {request.onDontAskAgain && (
        <label className="check dont-ask">
          <input type="checkbox" checked={dontAsk} onChange={(event) => setDontAsk(event.target.checked)} />
          Don’t ask me again
        </label>
      )}
    </DialogFrame>
  );
}
