import { useMemo, useState } from 'react';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { evacuatedVmsOfHost } from './evacuated-vms.js';
import { useDialogCall } from './use-dialog-call.js';
import { useMirror } from './use-mirror.js';

const howBack = { migrated: 'migrates back', suspended: 'resumes there', halted: 'starts there' } as const;

/**
 * Exit Maintenance Mode, when VMs left the server for it: as XenCenter does, it offers to put them back (migrate
 * the ones that moved, resume the ones suspended, start the ones shut down), each listed with what will happen.
 */
export function ExitMaintenanceDialog({ hostId, onClose }: { hostId: string; onClose(): void }) {
  const host = useObjectsStore(selectObject(hostId, 'host'));
  const mirror = useMirror();
  const lists = useMemo(() => (host ? evacuatedVmsOfHost(mirror, host) : { migrated: [], suspended: [], halted: [] }), [mirror, host]);
  const rows = (['migrated', 'suspended', 'halted'] as const).flatMap((kind) => lists[kind].map((vm) => ({ vm, kind })));
  const [restore, setRestore] = useState(true);
  const { busy, error, call } = useDialogCall();
  const hostName = nameOf(host, hostId);
  const submit = async () => {
    if (await call('host.exitMaintenance', { hostId, restoreVms: restore && rows.length > 0 })) onClose();
  };
  return (
    <DialogFrame
      title="Exit Maintenance Mode"
      intro={`${hostName} will be enabled again, so VMs can run on it.`}
      className="exit-maintenance-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Exit Maintenance Mode"
      busyLabel="Exiting…"
      busy={busy}
      blockedBy={host ? null : 'The server is gone'}
      error={error}
    >
      {rows.length > 0 && (
        <section className="plan-section" aria-label="VMs that left the server">
          <label className="check">
            <input type="checkbox" checked={restore} disabled={busy} onChange={(event) => setRestore(event.target.checked)} />
            Put back the VMs that left {hostName} for maintenance
          </label>
          <ul className="plan-list">
            {rows.map(({ vm, kind }) => (
              <li key={vm.$id}>
                <span className="choice-name">{nameOf(vm, vm.$id)}</span>
                <span className="choice-detail">{howBack[kind]}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </DialogFrame>
  );
}
