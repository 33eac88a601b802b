import type { XapiObject } from '../../../shared/xapi/objects.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { whenJobFinished } from '../../store/jobs-store.js';
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
 * After a clone, copy or New VM: when each job succeeds, selects what it made (the tree and the details pane
 * follow), then runs `afterCreated` on it (Copy VM sets the description the copy call does not take).
 * Failures are the task panel's to show.
 */
export function selectCreatedWhenDone(jobIds: readonly string[], afterCreated?: (objectId: string) => void): void {
  for (const jobId of jobIds) {
    void whenJobFinished(jobId).then(async (job) => {
      if (job.state !== 'succeeded' || !job.resultObjectId) return;
      const object = await whenMirrored(job.resultObjectId);
      if (!object) return;
      useTreeUiStore.getState().select(keyForObject(object));
      afterCreated?.(object.$id);
    });
  }
}
