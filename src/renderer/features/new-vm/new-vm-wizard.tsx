import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ModalDialog } from '../../components/modal-dialog.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { BusyLabel } from '../../components/busy-label.js';
import { CallError } from '../dialogs/call-error.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
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
import '../dialogs/dialogs.css';
import './new-vm-wizard.css';

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
  const ids = useId();
  const mirror = useMirror();
  const [choices, setChoices] = useState<NewVmChoices | null>(() => startingChoices(poolId, templateId));
  const [stepIndex, setStepIndex] = useState(0);
  const { busy, error, call, showError } = useDialogCall();
  const panelRef = useRef<HTMLDivElement>(null);
  const step = newVmSteps[stepIndex]!;
  const stepFieldProblems = useMemo(() => (choices ? newVmSteps.map((each) => stepProblems(mirror, choices, each)) : []), [mirror, choices]);
  const problems = stepFieldProblems.map((each) => each[0]?.message ?? null);
  const problem = choices ? problems[stepIndex]! : 'Connect to a pool first';
  const fieldProblems = useMemo(() => new Map((stepFieldProblems[stepIndex] ?? []).map((each) => [each.field, each.message] as const)), [stepFieldProblems, stepIndex]);
  /** A step can be opened when every step before it is valid. */
  const reachable = (index: number) => problems.slice(0, index).every((each) => each === null);
  const isLast = step === 'finish';

  // Each step starts where the person types: its marked field, else its heading.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const target = panel.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ?? panel.querySelector<HTMLElement>('h3');
    target?.focus();
  }, [stepIndex]);

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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || busy) return;
    if (isLast) void create();
    else setStepIndex(stepIndex + 1);
  };
  const update = (change: (current: NewVmChoices) => NewVmChoices) => setChoices((current) => (current ? change(current) : current));
  const Step = stepComponents[step];
  const titleId = `${ids}-title`;
  const reasonId = `${ids}-reason`;

  return (
    <ModalDialog labelledBy={titleId} onCancel={onClose} className="xenith-dialog new-vm-wizard">
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <h2 id={titleId}>New VM</h2>
        <div className="wizard-body">
          <nav aria-label="Steps" className="wizard-steps">
            <ol>
              {newVmSteps.map((each, index) => (
                <li key={each}>
                  <button
                    type="button"
                    className={index === stepIndex ? 'wizard-step current' : 'wizard-step'}
                    aria-current={index === stepIndex ? 'step' : undefined}
                    disabled={!choices || busy || !reachable(index)}
                    onClick={() => setStepIndex(index)}
                  >
                    {stepTitles[each]}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <section className="wizard-panel" ref={panelRef} aria-labelledby={`${ids}-step`}>
            <h3 id={`${ids}-step`} tabIndex={-1}>
              {stepTitles[step]}
            </h3>
            {choices ? <Step choices={choices} mirror={mirror} problems={fieldProblems} update={update} /> : <p className="dialog-note">Add or connect a pool to create VMs in it.</p>}
          </section>
        </div>
        <CallError error={error} />
        <div className="dialog-buttons">
          {problem && !busy && (
            <span id={reasonId} className="blocked-reason">
              {problem}
            </span>
          )}
          <button type="button" onClick={() => setStepIndex(stepIndex - 1)} disabled={stepIndex === 0 || busy}>
            <span aria-hidden="true">‹ </span>Back
          </button>
          <button type="submit" className="primary" disabled={problem !== null || busy} aria-describedby={problem ? reasonId : undefined}>
            {isLast ? (
              <BusyLabel busy={busy} label="Create Now" busyLabel="Creating…" />
            ) : (
              <>
                Next<span aria-hidden="true"> ›</span>
              </>
            )}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
