import { useState } from 'react';
import type { AlarmSettings } from '../../../shared/api/methods/alerts.js';
import { alarmSettingsOf } from '../../../shared/xapi/perfmon-alarms.js';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { DialogFrame } from './dialog-frame.js';
import { useDialogCall } from './use-dialog-call.js';

type Alarm = keyof AlarmSettings;

/** XenCenter's Alerts properties page, by kind: what can raise an alarm, in the units it shows. */
const rowsByKind: Record<'VM' | 'host', { alarm: Alarm; label: string; unit: string; initial: number }[]> = {
  VM: [
    { alarm: 'cpu', label: 'Generate CPU usage alerts when CPU usage exceeds', unit: '%', initial: 90 },
    { alarm: 'network', label: 'Generate network usage alerts when network usage exceeds', unit: 'KiB/s', initial: 1024 },
    { alarm: 'disk', label: 'Generate disk usage alerts when disk usage exceeds', unit: 'KiB/s', initial: 1024 },
  ],
  host: [
    { alarm: 'cpu', label: 'Generate CPU usage alerts when CPU usage exceeds', unit: '%', initial: 90 },
    { alarm: 'network', label: 'Generate network usage alerts when network usage exceeds', unit: 'KiB/s', initial: 10_240 },
    { alarm: 'memoryFree', label: 'Generate memory usage alerts when free memory falls below', unit: 'MiB', initial: 512 },
  ],
};

interface Row {
  on: boolean;
  level: string;
  minutes: string;
}

/** A VM's or server's alert settings (other_config:perfmon): each alarm on or off, its level and for how long. */
export function AlertSettingsDialog({ objectId, onClose }: { objectId: string; onClose(): void }) {
  const object = useObjectsStore(selectObject(objectId));
  const kind = object?.$type === 'host' ? 'host' : 'VM';
  const current = alarmSettingsOf(kind, object && (object.$type === 'VM' || object.$type === 'host') ? object.other_config.perfmon : undefined);
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(rowsByKind[kind].map((row) => [row.alarm, { on: current[row.alarm] !== undefined, level: String(current[row.alarm]?.level ?? row.initial), minutes: String(current[row.alarm]?.minutes ?? 5) }])),
  );
  const { busy, error, call } = useDialogCall();
  const update = (alarm: string, change: Partial<Row>) => setRows((previous) => ({ ...previous, [alarm]: { ...previous[alarm]!, ...change } }));
  const settings: AlarmSettings = {};
  let invalid: string | null = null;
  for (const row of rowsByKind[kind]) {
    const value = rows[row.alarm]!;
    if (!value.on) continue;
    const level = Number(value.level);
    const minutes = Number(value.minutes);
    if (!Number.isFinite(level) || level < 0 || (row.unit === '%' && level > 100)) invalid = `Enter a level for ${row.unit === '%' ? 'CPU usage between 0 and 100' : 'each alert you turn on'}`;
    else if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) invalid = 'Enter whole minutes from 1 to 1440';
    else settings[row.alarm] = { level, minutes };
  }
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
      {rowsByKind[kind].map((row) => {
        const value = rows[row.alarm]!;
        return (
          <fieldset key={row.alarm} className="alarm-row">
            <legend>
              <label>
                <input type="checkbox" checked={value.on} disabled={busy} onChange={(event) => update(row.alarm, { on: event.target.checked })} /> {row.label}
              </label>
            </legend>
            <label>
              <input type="number" min={0} step="any" value={value.level} disabled={busy || !value.on} aria-label={`${row.label} (${row.unit})`} onChange={(event) => update(row.alarm, { level: event.target.value })} /> {row.unit}
            </label>
            <label>
              for longer than <input type="number" min={1} max={1440} value={value.minutes} disabled={busy || !value.on} aria-label={`${row.label}: minutes`} onChange={(event) => update(row.alarm, { minutes: event.target.value })} /> minutes
            </label>
          </fieldset>
        );
      })}
    </DialogFrame>
  );
}
