import { useId, useMemo, useState } from 'react';
import { weekdays, type VmssTiming } from '../../../shared/api/methods/vmss.js';
import { isUserVm } from '../../commands/selection-facts.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { createInput, draftOf, draftProblem, editInput, newScheduleDraft, type ScheduleDraft } from '../snapshots/schedule-draft.js';
import { DescriptionField } from './description-field.js';
import { DialogFrame } from './dialog-frame.js';
import { NameField } from './name-field.js';
import { useDialogCall } from './use-dialog-call.js';
import { useMirror } from './use-mirror.js';

/** VMs listed at once in the editor; a filter narrows a bigger pool. */
const shownVms = 200;
const hours = Array.from({ length: 24 }, (_, hour) => hour);
const minutes = [0, 15, 30, 45] as const;

/**
 * New or edit a VM snapshot schedule (XenCenter's VMSS wizard in one page): name, description, disks only or disks
 * and memory, when (hourly, daily or weekly; the time and days), how many snapshots to keep, and its VMs.
 * Saving returns to the list of schedules.
 */
export function ScheduleEditorDialog({ poolId, vmssId, onClose }: { poolId: string; vmssId: string | null; onClose(): void }) {
  const ids = useId();
  const vmss = useObjectsStore(selectObject(vmssId ?? '', 'VMSS'));
  const mirror = useMirror();
  const [draft, setDraft] = useState<ScheduleDraft>(() => (vmss ? draftOf(vmss) : newScheduleDraft()));
  const [filter, setFilter] = useState('');
  const { busy, error, call } = useDialogCall();
  const vms = useMemo(
    () => objectsOfType(mirror, 'VM', poolId).filter(isUserVm).sort((a, b) => a.name_label.localeCompare(b.name_label, undefined, { numeric: true })),
    [mirror, poolId],
  );
  const matching = vms.filter((vm) => vm.name_label.toLowerCase().includes(filter.trim().toLowerCase()));
  const set = (patch: Partial<ScheduleDraft>) => setDraft({ ...draft, ...patch });
  const setTiming = (patch: Partial<VmssTiming>) => set({ timing: { ...draft.timing, ...patch } });
  const toggleVm = (id: string, on: boolean) => {
    const next = new Set(draft.vmIds);
    if (on) next.add(id);
    else next.delete(id);
    set({ vmIds: next });
  };
  const backToList = () => useDialogStore.getState().show({ kind: 'snapshotSchedules', poolId });
  const blockedBy = vmssId !== null && !vmss ? 'The schedule is gone' : draftProblem(draft);

  const submit = async () => {
    const saved = vmss ? await call('vmss.edit', editInput(vmss, draft)) : await call('vmss.create', createInput(poolId, draft));
    if (saved) backToList();
  };
  return (
    <DialogFrame
      title={vmss ? 'Edit Snapshot Schedule' : 'New Snapshot Schedule'}
      intro="The schedule snapshots its VMs at the chosen times (the pool's clock) and keeps the newest ones."
      className="schedule-editor-dialog"
      onCancel={vmssId === null && !draft.name ? onClose : backToList}
      onSubmit={() => void submit()}
      submitLabel={vmss ? 'Save' : 'Create'}
      busyLabel="Saving…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <NameField value={draft.name} onChange={(name) => set({ name })} disabled={busy} />
      <DescriptionField value={draft.description} onChange={(description) => set({ description })} disabled={busy} />
      <fieldset disabled={busy}>
        <legend>Snapshot type</legend>
        <label className="check">
          <input type="radio" name={`${ids}-type`} checked={draft.type !== 'checkpoint'} onChange={() => set({ type: 'snapshot' })} />
          Disks only
        </label>
        <label className="check">
          <input type="radio" name={`${ids}-type`} checked={draft.type === 'checkpoint'} onChange={() => set({ type: 'checkpoint' })} />
          Disks and memory (running VMs only)
        </label>
      </fieldset>
      <fieldset disabled={busy} className="schedule-timing">
        <legend>When</legend>
        <div className="field">
          <label htmlFor={`${ids}-frequency`}>Frequency:</label>
          <select id={`${ids}-frequency`} value={draft.timing.frequency} onChange={(event) => setTiming({ frequency: event.target.value as VmssTiming['frequency'] })}>
            <option value="hourly">Hourly</option>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </select>
        </div>
        <div className="field">
          <span id={`${ids}-time`}>{draft.timing.frequency === 'hourly' ? 'Minutes past:' : 'Time:'}</span>
          <span className="time-pickers" role="group" aria-labelledby={`${ids}-time`}>
            {draft.timing.frequency !== 'hourly' && (
              <select aria-label="Hour" value={draft.timing.hour} onChange={(event) => setTiming({ hour: Number(event.target.value) })}>
                {hours.map((hour) => (
                  <option key={hour} value={hour}>
                    {String(hour).padStart(2, '0')}
                  </option>
                ))}
              </select>
            )}
            <select aria-label="Minute" value={draft.timing.minute} onChange={(event) => setTiming({ minute: Number(event.target.value) as VmssTiming['minute'] })}>
              {minutes.map((minute) => (
                <option key={minute} value={minute}>
                  :{String(minute).padStart(2, '0')}
                </option>
              ))}
            </select>
          </span>
        </div>
        {draft.timing.frequency === 'weekly' && (
          <div className="weekdays" role="group" aria-label="Days">
            {weekdays.map((day) => (
              <label key={day} className="check">
                <input
                  type="checkbox"
                  checked={draft.timing.days.includes(day)}
                  onChange={(event) => setTiming({ days: weekdays.filter((d) => (d === day ? event.target.checked : draft.timing.days.includes(d))) })}
                />
                {day.slice(0, 3)}
              </label>
            ))}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-retention`}>Snapshots to keep:</label>
          <input id={`${ids}-retention`} type="number" min={1} max={10} value={draft.retention} onChange={(event) => set({ retention: Number(event.target.value) })} />
        </div>
      </fieldset>
      <fieldset disabled={busy}>
        <legend>VMs ({draft.vmIds.size} chosen)</legend>
        <input type="search" aria-label="Filter VMs" placeholder="Filter…" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <div className="choice-list schedule-vms">
          {matching.slice(0, shownVms).map((vm) => (
            <label key={vm.$id} className="check">
              <input type="checkbox" checked={draft.vmIds.has(vm.$id)} onChange={(event) => toggleVm(vm.$id, event.target.checked)} />
              {vm.name_label}
            </label>
          ))}
          {matching.length > shownVms && <p className="dialog-note">{matching.length - shownVms} more: type to narrow the list.</p>}
          {matching.length === 0 && <p className="dialog-note">No VM matches.</p>}
        </div>
      </fieldset>
    </DialogFrame>
  );
}
