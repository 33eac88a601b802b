import type { XapiObject } from '../../../shared/xapi/objects.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { whenJobFinished } from '../../store/jobs-store.js';
import { anyDialogOpen } from '../../store/open-dialogs.js';
import { keyForObject, useTreeUiStore } from '../tree/tree-ui-store.js';

/** How long a finished job's new VM may take to reach the mirror before Xenith gives up selecting it. */
const mirrorWaitMs = 30_000;

/** Resolves with the object once the mirror has it (events can trail the job's end), or null after `timeoutMs`. */
export function whenMirrored(objectId: string, timeoutMs = mirrorWaitMs): Promise<XapiObject | null> {
  return new Promise((resolve) => {
    const present = useObjectsStore.getState().objects.get(objectId);
    if (present) {
      resolve(present);
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(null);
    }, timeoutMs);
    const unsubscribe = useObjectsStore.subscribe((state) => {
      const object = state.objects.get(objectId);
      if (!object) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(object);
    });
  });
}

/**
 * Whether a finished job may select what it made: only while the person is still on the row they started it from
 * and no dialog is open. Someone who moved on, or is typing into a dialog, keeps what they are looking at (the
 * task panel's Go To reaches the result).
 */
export function mayFollowResult(origin: string | null): boolean {
  return useTreeUiStore.getState().selectedKey === origin && !anyDialogOpen();
}

/**
 * After a clone, copy or New VM: when each job succeeds, selects what it made (the tree and the details pane
 * follow) if the person is still where they started it, then runs `afterCreated` on it (Copy VM sets the
 * description the copy call does not take). Failures are the task panel's to show.
 */
export function selectCreatedWhenDone(jobIds: readonly string[], afterCreated?: (objectId: string) => void): void {
  const origin = useTreeUiStore.getState().selectedKey;
  for (const jobId of jobIds) {
    void whenJobFinished(jobId).then(async (job) => {
      if (job.state !== 'succeeded' || !job.resultObjectId) return;
      const object = await whenMirrored(job.resultObjectId);
      if (!object) return;
      if (mayFollowResult(origin)) useTreeUiStore.getState().select(keyForObject(object));
      afterCreated?.(object.$id);
    });
  }
}
