import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { whenJobFinished } from '../../store/jobs-store.js';
import { objectOf } from '../../store/mirror-read.js';
import { anyDialogOpen } from '../../store/open-dialogs.js';
import { keyForObject, useTreeUiStore } from '../tree/tree-ui-store.js';

/** Where a VM or template sits in the tree: the server it runs on, else its pool. */
export function parentKeyOf(index: ObjectIndex, vm: XapiRecord<'VM'>): string {
  const host = objectOf(index, 'host', vm.resident_on);
  return host ? keyForObject(host) : `pool:${vm.$pool}`;
}

/**
 * After Delete: once the job succeeds, the deleted object's parent (server or pool) is selected, as XenCenter does,
 * rather than the Welcome page an empty selection shows — if the person is still on what they deleted and no
 * dialog is open.
 */
export function selectParentWhenDeleted(jobIds: readonly string[], deletedKey: string, parentKey: string): void {
  for (const jobId of jobIds) {
    void whenJobFinished(jobId).then((job) => {
      if (job.state !== 'succeeded') return;
      const ui = useTreeUiStore.getState();
      if (ui.selectedKey === deletedKey && !anyDialogOpen()) ui.select(parentKey);
    });
  }
}
