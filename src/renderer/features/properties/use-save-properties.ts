import { useCallback, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { PropertyChanges } from '../../../shared/api/methods/object-properties.js';
import { whenJobFinished } from '../../store/jobs-store.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';

export interface SaveProperties {
  readonly saving: boolean;
  readonly error: ApiError | null;
  /** Saves the changes and waits for their job; true when everything was saved. */
  save(objectId: string, changes: PropertyChanges): Promise<boolean>;
}

/**
 * Saving a Properties dialog: the call, then its job to the end, so the dialog stays open with XAPI's code and
 * sentence for every part that was refused (the task panel has the same job if the dialog is closed meanwhile).
 */
export function useSaveProperties(): SaveProperties {
  const { busy, error, call, showError } = useDialogCall();
  const [waiting, setWaiting] = useState(false);
  const save = useCallback(
    async (objectId: string, changes: PropertyChanges): Promise<boolean> => {
      const output = await call('objects.setProperties', { objectId, changes });
      if (!output) return false;
      const [jobId] = output.jobIds;
      if (jobId === undefined) return true;
      setWaiting(true);
      const job = await whenJobFinished(jobId);
      setWaiting(false);
      if (job.state === 'succeeded') return true;
      showError(job.error ?? { code: 'TASK_CANCELLED', message: 'Saving was cancelled before it finished. Some changes may have been saved.' });
      return false;
    },
    [call, showError],
  );
  return { saving: busy || waiting, error, save };
}
