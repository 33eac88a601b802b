import { useId } from 'react';

/** The "Name:" field of Rename, Clone VM and Copy VM: focused first, its text selected so typing replaces it. */
export function NameField({ value, onChange, disabled }: { value: string; onChange(value: string): void; disabled: boolean }) {
  const ids = useId();
  return (
    <div className="field">
      <label htmlFor={`${ids}-name`}>Name:</label>
      <input
        id={`${ids}-name`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onFocus={(event) => event.target.select()}
        disabled={disabled}
        maxLength={255}
        spellCheck={false}
        autoComplete="off"
        data-autofocus
      />
    </div>
  );
}
