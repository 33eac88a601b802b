import { useMemo, useState, type ReactNode } from 'react';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { WizardFrame } from '../dialogs/wizard-frame.js';
import { newVmSteps, stepTitles, type NewVmChoices, type NewVmStep } from './new-vm-choices.js';
import { chooseTemplate, emptyChoices } from './new-vm-defaults.js';
import { createRequest } from './new-vm-request.js';
import { stepProblems } from './new-vm-validation.js';
import { CpuMemoryStep } from './steps/cpu-memory-step.js';
import { FinishStep } from './steps/finish-step.js';
import { HomeServerStep } from './steps/home-server-step.js';
import { MediaStep } from './steps/media-step.js';
import { NameStep } from './steps/name-step.js';
import { NetworkingStep } from './steps/networking-step.js';
import type { StepProps } from './steps/step-props.js';
import { StorageStep } from './steps/storage-step.js';
import { TemplateStep } from './steps/template-step.js';

const stepComponents: Record<NewVmStep, (props: StepProps) => ReactNode> = {
  template: TemplateStep,
  name: NameStep,
  media: MediaStep,
  homeServer: HomeServerStep,
  cpuMemory: CpuMemoryStep,
  storage: StorageStep,
  networking: NetworkingStep,
  finish: FinishStep,
};

/** The pool the wizard starts in: the one asked for, else the first connected one. */
function startingChoices(poolId: string | null, templateId: string | undefined): NewVmChoices | null {
  const pools = [...usePoolsStore.getState().pools.values()];
  const pool = poolId ?? pools.find((candidate) => candidate.state === 'connected')?.poolId ?? null;
  if (!pool) return null;
  const empty = emptyChoices(pool);
  return templateId ? chooseTemplate(useObjectsStore.getState(), empty, templateId) : empty;
}

/**
 * XenCenter's New VM wizard: a step list on the left, one step at a time on the right, Back / Next (disabled,
 * with the reason, until the step is valid) / Cancel, and Create Now on Finish. The request is checked with
 * the contract's schema before it is sent; the new VM is selected when its job succeeds.
 */
export function NewVmWizard({ poolId, templateId, onClose }: { poolId: string | null; templateId?: string; onClose(): void }) {
  const mirror = useMirror();
  const [choices, setChoices] = useState<NewVmChoices | null>(() => startingChoices(poolId, templateId));
  const [stepIndex, setStepIndex] = useState(0);
  const { busy, error, call, showError } = useDialogCall();
  const step = newVmSteps[stepIndex]!;
  const stepFieldProblems = useMemo(() => (choices ? newVmSteps.map((each) => stepProblems(mirror, choices, each)) : []), [mirror, choices]);
  const problems = stepFieldProblems.map((each) => each[0]?.message ?? null);
  const problem = choices ? problems[stepIndex]! : 'Connect to a pool first';
  const fieldProblems = useMemo(() => new Map((stepFieldProblems[stepIndex] ?? []).map((each) => [each.field, each.message] as const)), [stepFieldProblems, stepIndex]);
  /** A step can be opened when every step before it is valid. */
  const reachable = (index: number) => choices !== null && problems.slice(0, index).every((each) => each === null);

  const create = async () => {
    if (!choices) return;
    const request = createRequest(choices);
    if (!request.ok) {
      showError(request.error);
      return;
    }
    const output = await call('vm.create', request.input);
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };
  const update = (change: (current: NewVmChoices) => NewVmChoices) => setChoices((current) => (current ? change(current) : current));
  const Step = stepComponents[step];

  return (
    <WizardFrame
      title="New VM"
      className="new-vm-wizard"
      stepTitles={newVmSteps.map((each) => stepTitles[each])}
      stepIndex={stepIndex}
      reachable={reachable}
      onStep={setStepIndex}
      problem={problem}
      busy={busy}
      error={error}
      finishLabel="Create Now"
      finishBusyLabel="Creating…"
      onFinish={() => void create()}
      onCancel={onClose}
    >
      {choices ? <Step choices={choices} mirror={mirror} problems={fieldProblems} update={update} /> : <p className="dialog-note">Add or connect a pool to create VMs in it.</p>}
    </WizardFrame>
  );
}
