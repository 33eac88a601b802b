import { useMemo, useState } from 'react';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { WizardFrame } from '../dialogs/wizard-frame.js';
import { choicesForHost, crossPoolSteps, crossPoolStepTitles, migrateInput, stepProblem, type CrossPoolChoices } from './cross-pool-choices.js';
import { DestinationStep, NetworkingStep, StorageStep, TransferNetworkStep } from './migrate-steps.js';
import { FinishStep, PrecheckStep, usePrecheck } from './precheck-step.js';
import './migrate-wizard.css';

const precheckIndex = crossPoolSteps.indexOf('precheck');

/**
 * XenCenter's cross-pool Migrate wizard: Destination (a server of another pool), Storage (an SR per disk),
 * Networking (a network per interface), Transfer network, Precheck (XAPI's verdict and reasons) and Finish. Next
 * says why it is disabled; Finish starts vm.migrateToPool and selects the VM where it arrives.
 */
export function CrossPoolMigrateWizard({ vmId, hostId, onClose }: { vmId: string; hostId?: string; onClose(): void }) {
  const mirror = useMirror();
  const vm = useObjectsStore((state) => objectOf(state, 'VM', vmId));
  const [choices, setChoices] = useState<CrossPoolChoices>(() => choicesForHost(useObjectsStore.getState(), vmId, hostId ?? null));
  const [stepIndex, setStepIndex] = useState(0);
  const { busy, error, call } = useDialogCall();
  const step = crossPoolSteps[stepIndex]!;
  const precheck = usePrecheck(choices, stepIndex >= precheckIndex);
  const problems = useMemo(() => crossPoolSteps.map((each) => stepProblem(mirror, choices, each)), [mirror, choices]);
  const precheckProblem = precheck.state === 'checking' ? 'Waiting for the precheck' : precheck.state === 'failed' ? 'The precheck could not run' : precheck.check.canMigrate ? null : 'The pools refuse this migration';
  const problem = !vm ? 'The VM is gone' : step === 'precheck' ? precheckProblem : problems[stepIndex]!;
  const reachable = (index: number) => problems.slice(0, index).every((each) => each === null) && (index <= precheckIndex || precheckProblem === null);

  const finish = async () => {
    const input = migrateInput(choices);
    if (!input) return;
    const output = await call('vm.migrateToPool', input);
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };
  const stepProps = { mirror, choices, update: setChoices };

  return (
    <WizardFrame
      title={`Migrate '${nameOf(vm)}'`}
      className="migrate-wizard"
      stepTitles={crossPoolSteps.map((each) => crossPoolStepTitles[each])}
      stepIndex={stepIndex}
      reachable={reachable}
      onStep={setStepIndex}
      problem={problem}
      busy={busy}
      error={error}
      finishLabel="Finish"
      finishBusyLabel="Migrating…"
      onFinish={() => void finish()}
      onCancel={onClose}
    >
      {step === 'destination' && <DestinationStep {...stepProps} />}
      {step === 'storage' && <StorageStep {...stepProps} />}
      {step === 'networking' && <NetworkingStep {...stepProps} />}
      {step === 'transferNetwork' && <TransferNetworkStep {...stepProps} />}
      {step === 'precheck' && <PrecheckStep precheck={precheck} />}
      {step === 'finish' && <FinishStep mirror={mirror} choices={choices} precheck={precheck} />}
    </WizardFrame>
  );
}
