import type { ObjectIndex } from '../../../store/apply-delta.js';
import type { NewVmChoices } from '../new-vm-choices.js';

/** What every wizard step gets: the choices so far, the mirror, and a way to change the choices. */
export interface StepProps {
  readonly choices: NewVmChoices;
  readonly mirror: ObjectIndex;
  /** What is wrong with each field of this step, by field key (every invalid field at once, shown beside it). */
  readonly problems: ReadonlyMap<string, string>;
  update(change: (choices: NewVmChoices) => NewVmChoices): void;
}
