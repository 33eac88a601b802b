import { useId, useState, type ReactNode } from 'react';

/** What a field's control needs to be labelled and described: its id, and the ids of its note and problem. */
export interface FieldIds {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

interface PageFieldProps {
  label: string;
  /** What the dialog knows is wrong with the value, shown beside it. */
  problem?: string | undefined;
  /** A note under the control (a range, a consequence). */
  note?: ReactNode;
  children(ids: FieldIds): ReactNode;
}

/** A labelled control on a Properties page, with its note and, when the value is wrong, the problem beside it. */
export function PageField({ label, problem, note, children }: PageFieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const problemId = `${id}-problem`;
  const describedBy = [problem ? problemId : null, note ? noteId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'page-field invalid' : 'page-field'}>
      <label htmlFor={id}>{label}</label>
      <div className="page-field-control">
        {children({ id, describedBy, invalid: problem !== undefined })}
        {problem && (
          <span id={problemId} className="field-problem">
            {problem}
          </span>
        )}
        {note && (
          <span id={noteId} className="field-note">
            {note}
          </span>
        )}
      </div>
    </div>
  );
}

interface NumberBoxProps {
  ids: FieldIds;
  /** The value in base units (bytes, a count); NaN while the box holds no number. */
  value: number;
  onValue(value: number): void;
  /** Base units per shown unit (1 GiB in bytes, 1 for a count). */
  scale?: number;
  unit?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  disabled?: boolean;
}

/** The value shown in its unit, without a run of decimals (0.5, not 0.500000). */
function shownText(value: number, scale: number): string {
  return Number.isFinite(value) ? String(Number((value / scale).toFixed(3))) : '';
}

/**
 * A number box that keeps what the person types ("1.", an empty box) while the draft holds the value in base units;
 * a value changed from outside replaces the text. Untouched, the exact base value is kept (no rounding to the unit).
 */
export function NumberBox({ ids, value, onValue, scale = 1, unit, min, max, step, disabled }: NumberBoxProps) {
  const [text, setText] = useState(() => shownText(value, scale));
  const parsed = text.trim() === '' ? Number.NaN : Math.round(Number(text) * scale);
  const shown = parsed === value || (Number.isNaN(parsed) && Number.isNaN(value)) || shownText(value, scale) === text ? text : shownText(value, scale);
  return (
    <span className="number-with-unit">
      <input
        id={ids.id}
        type="number"
        inputMode="decimal"
        value={shown}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        onChange={(event) => {
          setText(event.target.value);
          onValue(event.target.value.trim() === '' ? Number.NaN : Math.round(Number(event.target.value) * scale));
        }}
      />
      {unit && <span className="unit">{unit}</span>}
    </span>
  );
}
