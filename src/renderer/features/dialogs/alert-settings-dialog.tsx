import { useState } from 'react';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { AlarmFields } from './alarm-fields.js';
import { alarmRowsOf, alarmSettingsFromRows, type AlarmRow, type AlarmRows } from './alarm-rows.js';
import { DialogFrame } from './dialog-frame.js';
import { useDialogCall } from './use-dialog-call.js';

/** A VM's or server's alert settings (other_config:perfmon): each alarm on or off, its level and for how long. */
export function AlertSettingsDialog({ objectId, onClose }: { objectId: string; onClose(): void }) {
  const object = useObjectsStore(selectObject(objectId));
  const kind = object?.$type === 'host' ? 'host' : 'VM';
  const [rows, setRows] = useState<AlarmRows>(() => alarmRowsOf(kind, object && (object.$type === 'VM' || object.$type === 'host') ? object.other_config.perfmon : undefined));
  const { busy, error, call } = useDialogCall();
  const update = (alarm: string, change: Partial<AlarmRow>) => setRows((previous) => ({ ...previous, [alarm]: { ...previous[alarm]!, ...change } }));
  const { settings, invalid } = alarmSettingsFromRows(kind, rows);
  const submit = async () => {
    if (await call('alerts.setAlarms', { objectId, alarms: settings })) onClose();
  };
  return (
    <DialogFrame
      title={`Alert Settings of '${nameOf(object)}'`}
      intro="The pool checks these every few minutes and raises an alert when a value stays past its level for the time given."
      className="alert-settings-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="OK"
      busyLabel="Saving…"
      busy={busy}
      blockedBy={!object ? 'This object is gone' : invalid}
      error={error}
    >
      <AlarmFields kind={kind} rows={rows} disabled={busy} onChange={update} />
    </DialogFrame>
  );
}
