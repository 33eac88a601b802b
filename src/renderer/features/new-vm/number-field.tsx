import { useId, useState } from 'react';
import { FieldProblemText, invalidProps } from './field-problem.js';

interface NumberFieldProps {
  label: string;
  /** The value in the unit shown (MiB, GiB, count). */
  value: number;
  /** Called with NaN while the text is not a number, so the step says what is wrong. */
  onValue(value: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
  disabled?: boolean;
  /** What is wrong with the value, shown beside the box. */
  problem?: string | undefined;
}

/**
 * A labelled number box that keeps what the person types (an empty box, "1.") while the wizard's state holds
 * the parsed number; a value changed from outside (a new template) replaces the text.
 */
export function NumberField({ label, value, onValue, min, max, step, unit, disabled, problem }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(() => (Number.isFinite(value) ? String(value) : ''));
  const shown = Number(text) === value || (text.trim() === '' && Number.isNaN(value)) ? text : Number.isFinite(value) ? String(value) : '';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="number-with-unit">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={shown}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          {...invalidProps(`${id}-problem`, problem)}
          onChange={(event) => {
            setText(event.target.value);
            onValue(event.target.value.trim() === '' ? Number.NaN : Number(event.target.value));
          }}
        />
        {unit && <span className="unit">{unit}</span>}
        <FieldProblemText id={`${id}-problem`} problem={problem} />
      </span>
    </div>
  );
}
