import { useId, type ReactNode } from 'react';

/** One labelled text box of a location step (server, path, share, user…). */
export function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  placeholder?: string;
  type?: 'text' | 'password';
  autoFocus?: boolean;
  list?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        disabled={props.disabled}
        placeholder={props.placeholder}
        maxLength={1024}
        spellCheck={false}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        list={props.list}
        data-autofocus={props.autoFocus ? true : undefined}
      />
    </div>
  );
}

/** A labelled chooser (NFS version, target IQN, LUN, server). */
export function SelectField(props: { label: string; value: string; onChange(value: string): void; disabled?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)} disabled={props.disabled}>
        {props.children}
      </select>
    </div>
  );
}
