import { alarmRowsByKind, type AlarmKind, type AlarmRow, type AlarmRows } from './alarm-rows.js';

/** Each alarm of a VM or server: on or off, its level, and for how many minutes (the Alerts page and Alert Settings…). */
export function AlarmFields({ kind, rows, disabled, onChange }: { kind: AlarmKind; rows: AlarmRows; disabled: boolean; onChange(alarm: string, change: Partial<AlarmRow>): void }) {
  return (
    <>
      {alarmRowsByKind[kind].map((row) => {
        const value = rows[row.alarm]!;
        return (
          <fieldset key={row.alarm} className="alarm-row">
            <legend>
              <label>
                <input type="checkbox" checked={value.on} disabled={disabled} onChange={(event) => onChange(row.alarm, { on: event.target.checked })} /> {row.label}
              </label>
            </legend>
            <label>
              <input type="number" min={0} step="any" value={value.level} disabled={disabled || !value.on} aria-label={`${row.label} (${row.unit})`} onChange={(event) => onChange(row.alarm, { level: event.target.value })} /> {row.unit}
            </label>
            <label>
              for longer than <input type="number" min={1} max={1440} value={value.minutes} disabled={disabled || !value.on} aria-label={`${row.label}: minutes`} onChange={(event) => onChange(row.alarm, { minutes: event.target.value })} /> minutes
            </label>
          </fieldset>
        );
      })}
    </>
  );
}
