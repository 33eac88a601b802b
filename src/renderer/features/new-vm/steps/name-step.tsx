import { useId } from 'react';
import { FieldProblemText, invalidProps } from '../field-problem.js';
import type { StepProps } from './step-props.js';

/** Name: the new VM's name (the template's by default) and description. */
export function NameStep({ choices, problems, update }: StepProps) {
  const ids = useId();
  return (
    <div className="name-step">
      <div className="field">
        <label htmlFor={`${ids}-name`}>Name:</label>
        <input
          id={`${ids}-name`}
          value={choices.name}
          onChange={(event) => {
            const name = event.target.value;
            update((current) => ({ ...current, name, nameEdited: true }));
          }}
          maxLength={255}
          spellCheck={false}
          autoComplete="off"
          data-autofocus
          {...invalidProps(`${ids}-name-problem`, problems.get('name'))}
        />
        <FieldProblemText id={`${ids}-name-problem`} problem={problems.get('name')} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>Description:</label>
        <textarea
          id={`${ids}-description`}
          value={choices.description}
          rows={3}
          maxLength={1000}
          onChange={(event) => {
            const description = event.target.value;
            update((current) => ({ ...current, description }));
          }}
        />
      </div>
    </div>
  );
}
