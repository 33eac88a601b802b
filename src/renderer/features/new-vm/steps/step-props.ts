import type { ObjectIndex } from '../../../store/apply-delta.js';
import type { NewVmChoices } from '../new-vm-choices.js';

/** What every wizard step gets: the choices so far, the mirror, and a way to change the choices. */
export interface StepProps {
  readonly choices: NewVmChoices;
  readonly mirror: ObjectIndex;
  update(change: (choices: NewVmChoices) => NewVmChoices): void;
}
