import { useMemo, useState } from 'react';
import { callForCommand } from '../../commands/report-failure.js';
import { askToConfirm } from '../../commands/ask-to-confirm.js';
import { useBridge } from '../../app/bridge-context.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { formatSince } from '../details/format.js';
import { useNow } from '../details/use-mirror.js';
import { describeTiming, describeType, lastRunOutcome, lastRunTime, schedulesOfPool, timingOf } from '../snapshots/vmss-facts.js';
import { DialogFrame } from './dialog-frame.js';
import { useMirror } from './use-mirror.js';

/**
 * VM Snapshot Schedules (XenCenter's dialog): the pool's schedules with when they run, what they keep, their VMs and
 * how their last run went; New…, Edit…, Enable, Disable, Run Now and Delete act on the chosen one.
 */
export function SnapshotSchedulesDialog({ poolId, onClose }: { poolId: string; onClose(): void }) {
  const mirror = useMirror();
  const bridge = useBridge();
  const now = useNow(30_000);
  const schedules = useMemo(() => schedulesOfPool(mirror, poolId), [mirror, poolId]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = schedules.find((vmss) => vmss.$id === chosenId) ?? null;
  const dialogs = useDialogStore.getState();
  const edit = (vmssId: string | null) => dialogs.show({ kind: 'editSchedule', poolId, vmssId });
  const remove = () => {
    if (!chosen) return;
    askToConfirm(
      {
        title: 'Delete Snapshot Schedule',
        message: `Delete the schedule '${chosen.name_label}'? Its ${chosen.VMs.length} VM(s) are taken off it; the snapshots it took stay.`,
        confirmLabel: 'Delete',
        danger: true,
      },
      async () => {
        await callForCommand(bridge, 'vmss.delete', { vmssIds: [chosen.$id] });
        dialogs.show({ kind: 'snapshotSchedules', poolId });
      },
    );
  };
  return (
    <DialogFrame title="VM Snapshot Schedules" className="snapshot-schedules-dialog" onCancel={onClose} onSubmit={onClose} submitLabel="Close" noSubmit cancelLabel="Close">
      <div className="schedule-buttons" role="toolbar" aria-label="Schedule actions">
        <button type="button" className="small-button" onClick={() => edit(null)}>
          New…
        </button>
        <button type="button" className="small-button" disabled={!chosen} onClick={() => chosen && edit(chosen.$id)}>
          Edit…
        </button>
        <button type="button" className="small-button" disabled={!chosen || chosen.enabled} onClick={() => chosen && void callForCommand(bridge, 'vmss.setEnabled', { vmssIds: [chosen.$id], enabled: true })}>
          Enable
        </button>
        <button type="button" className="small-button" disabled={!chosen || !chosen.enabled} onClick={() => chosen && void callForCommand(bridge, 'vmss.setEnabled', { vmssIds: [chosen.$id], enabled: false })}>
          Disable
        </button>
        <button type="button" className="small-button" disabled={!chosen || chosen.VMs.length === 0} onClick={() => chosen && void callForCommand(bridge, 'vmss.snapshotNow', { vmssId: chosen.$id })}>
          Run Now
        </button>
        <button type="button" className="small-button" disabled={!chosen} onClick={remove}>
          Delete
        </button>
      </div>
      {schedules.length === 0 ? (
        <p className="dialog-note">This pool has no snapshot schedules. Choose New… to make one.</p>
      ) : (
        <ul className="row-list schedule-list" aria-label="Snapshot schedules">
          {schedules.map((vmss) => {
            const outcome = lastRunOutcome(mirror, vmss);
            const ran = lastRunTime(vmss);
            return (
              <li key={vmss.$id}>
                <label className={vmss.$id === chosenId ? 'schedule-row chosen' : 'schedule-row'}>
                  <input type="radio" name="schedule" checked={vmss.$id === chosenId} onChange={() => setChosenId(vmss.$id)} />
                  <span className="schedule-name">{vmss.name_label}</span>
                  <span className="choice-detail">
                    {vmss.enabled ? 'Enabled' : 'Disabled'} · {describeTiming(timingOf(vmss))} · {describeType(vmss.type)} · keeps {vmss.retained_snapshots} · {vmss.VMs.length} VM(s)
                  </span>
                  <span className={outcome?.failed ? 'choice-detail error' : 'choice-detail'}>
                    {ran === null ? 'Never run' : `Last run ${formatSince(ran / 1000, now) ?? ''} ago${outcome ? (outcome.failed ? ': failed' : ': succeeded') : ''}`}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </DialogFrame>
  );
}
