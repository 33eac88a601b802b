import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { BusyLabel } from '../../components/busy-label.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { CallError } from '../dialogs/call-error.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { choicesForHost, crossPoolSteps, crossPoolStepTitles, migrateInput, stepProblem, type CrossPoolChoices } from './cross-pool-choices.js';
import { DestinationStep, NetworkingStep, StorageStep, TransferNetworkStep } from './migrate-steps.js';
import { FinishStep, PrecheckStep, usePrecheck } from './precheck-step.js';
import '../dialogs/dialogs.css';
import '../new-vm/new-vm-wizard.css';
import './migrate-wizard.css';

/**
 * XenCenter's cross-pool Migrate wizard: Destination (a server of another pool), Storage (an SR per disk),
 * Networking (a network per interface), Transfer network, Precheck (XAPI's verdict and reasons) and Finish. Next
 * says why it is disabled; Finish starts vm.migrateToPool and selects the VM where it arrives.
 */
export function CrossPoolMigrateWizard({ vmId, hostId, onClose }: { vmId: string; hostId?: string; onClose(): void }) {
  const ids = useId();
  const mirror = useMirror();
  const vm = useObjectsStore((state) => objectOf(state, 'VM', vmId));
  const [choices, setChoices] = useState<CrossPoolChoices>(() => choicesForHost(useObjectsStore.getState(), vmId, hostId ?? null));
  const [stepIndex, setStepIndex] = useState(0);
  const { busy, error, call } = useDialogCall();
  const panelRef = useRef<HTMLElement>(null);
  const step = crossPoolSteps[stepIndex]!;
  const precheck = usePrecheck(choices, stepIndex >= crossPoolSteps.indexOf('precheck'));
  const problems = useMemo(() => crossPoolSteps.map((each) => stepProblem(mirror, choices, each)), [mirror, choices]);
  const precheckProblem = precheck.state === 'checking' ? 'Waiting for the precheck' : precheck.state === 'failed' ? 'The precheck could not run' : precheck.check.canMigrate ? null : 'The pools refuse this migration';
  const problem = !vm ? 'The VM is gone' : step === 'precheck' ? precheckProblem : problems[stepIndex]!;
  const reachable = (index: number) => problems.slice(0, index).every((each) => each === null) && (index <= crossPoolSteps.indexOf('precheck') || precheckProblem === null);
  const isLast = step === 'finish';

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    (panel.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ?? panel.querySelector<HTMLElement>('h3'))?.focus();
  }, [stepIndex]);

  const finish = async () => {
    const input = migrateInput(choices);
    if (!input) return;
    const output = await call('vm.migrateToPool', input);
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || busy) return;
    if (isLast) void finish();
    else setStepIndex(stepIndex + 1);
  };
  const update = (change: (current: CrossPoolChoices) => CrossPoolChoices) => setChoices(change);
  const stepProps = { mirror, choices, update };
  const titleId = `${ids}-title`;
  const reasonId = `${ids}-reason`;

  return (
    <ModalDialog labelledBy={titleId} onCancel={onClose} className="xenith-dialog migrate-wizard">
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <h2 id={titleId}>{`Migrate '${nameOf(vm)}'`}</h2>
        <div className="wizard-body">
          <nav aria-label="Steps" className="wizard-steps">
            <ol>
              {crossPoolSteps.map((each, index) => (
                <li key={each}>
                  <button
                    type="button"
                    className={index === stepIndex ? 'wizard-step current' : 'wizard-step'}
                    aria-current={index === stepIndex ? 'step' : undefined}
                    disabled={busy || !reachable(index)}
                    onClick={() => setStepIndex(index)}
                  >
                    {crossPoolStepTitles[each]}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <section className="wizard-panel" ref={panelRef} aria-labelledby={`${ids}-step`}>
            <h3 id={`${ids}-step`} tabIndex={-1}>
              {crossPoolStepTitles[step]}
            </h3>
            {step === 'destination' && <DestinationStep {...stepProps} />}
            {step === 'storage' && <StorageStep {...stepProps} />}
            {step === 'networking' && <NetworkingStep {...stepProps} />}
            {step === 'transferNetwork' && <TransferNetworkStep {...stepProps} />}
            {step === 'precheck' && <PrecheckStep precheck={precheck} />}
            {step === 'finish' && <FinishStep mirror={mirror} choices={choices} precheck={precheck} />}
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
              <BusyLabel busy={busy} label="Finish" busyLabel="Migrating…" />
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
