import { useId } from 'react';

/** The "Description:" field of the snapshot and schedule dialogs: a few lines, at most XAPI's 1000 characters. */
export function DescriptionField({ value, onChange, disabled, rows = 2 }: { value: string; onChange(value: string): void; disabled: boolean; rows?: number }) {
  const ids = useId();
  return (
    <div className="field">
      <label htmlFor={`${ids}-description`}>Description:</label>
      <textarea id={`${ids}-description`} rows={rows} maxLength={1000} value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} />
    </div>
  );
}
