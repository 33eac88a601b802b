import { useMemo, useState } from 'react';
import type { SrLocation } from '../../../shared/api/methods/sr.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { poolObjectOf } from '../details/details-subject.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { WizardFrame } from '../dialogs/wizard-frame.js';
import { LocationStep } from './location-step.js';
import { createInput, emptyNewSr, locationOf, newSrStepProblem, newSrSteps, newSrStepTitles, withDiscovery, type NewSrChoices } from './new-sr-choices.js';
import { FinishStep, NameStep, TypeStep } from './new-sr-steps.js';
import './new-sr-wizard.css';

/** The pool the wizard works in (the one asked for, else the first connected), from its master. */
function startingChoices(poolId: string | null): NewSrChoices | null {
  const pools = [...usePoolsStore.getState().pools.values()];
  const pool = poolId ?? pools.find((candidate) => candidate.state === 'connected')?.poolId ?? null;
  const master = pool ? poolObjectOf(useObjectsStore.getState(), pool)?.master : undefined;
  return pool && master ? emptyNewSr(pool, master) : null;
}

const stepTitles = newSrSteps.map((id) => newSrStepTitles[id]);

/**
 * XenCenter's New Storage Repository wizard: Type, Name, Location (with the scans that list iSCSI targets and
 * LUNs or NFS exports), Finish. Leaving Location probes the complete location, so Finish can offer to reattach an
 * SR already there instead of formatting it. The new (or reattached) SR is selected when its job succeeds.
 */
export function NewSrWizard({ poolId, onClose }: { poolId: string | null; onClose(): void }) {
  const mirror = useMirror();
  const [choices, setChoices] = useState<NewSrChoices | null>(() => startingChoices(poolId));
  const [index, setIndex] = useState(0);
  const { busy, error, call } = useDialogCall();
  const problems = useMemo(() => newSrSteps.map((step) => (choices ? newSrStepProblem(choices, step) : 'Connect to a pool first')), [choices]);
  const update = (change: (current: NewSrChoices) => NewSrChoices) => setChoices((current) => (current ? change(current) : current));

  const probe = async (location: SrLocation) => {
    if (!choices) return null;
    const result = await call('sr.probe', { hostId: choices.hostId, location });
    if (result) update((current) => withDiscovery(current, result));
    return result;
  };
  /** A scan from the Location step; finding one target (or choosing one) lists its LUNs straight away. */
  const scan = async (location: SrLocation) => {
    const result = await probe(location);
    if (result?.kind === 'targets' && result.targets.length === 1 && location.type === 'iscsi') {
      await probe({ ...location, iqn: result.targets[0]!.iqn });
    }
  };
  /** Going on from Location probes the complete location first: what is already there decides what Finish offers. */
  const goTo = async (target: number) => {
    if (!choices) return;
    if (target > index && newSrSteps[index] === 'location') {
      const result = await probe(locationOf(choices));
      if (result?.kind !== 'srs') return;
    }
    setIndex(target);
  };
  const finish = async () => {
    if (!choices) return;
    const output = await call('sr.create', createInput(choices));
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };

  const step = newSrSteps[index]!;
  const props = choices ? { choices, mirror, busy, update } : null;
  return (
    <WizardFrame
      title="New Storage Repository"
      className="new-vm-wizard new-sr-wizard"
      stepTitles={stepTitles}
      stepIndex={index}
      reachable={(target) => problems.slice(0, target).every((each) => each === null)}
      onStep={(target) => void goTo(target)}
      problem={problems[index] ?? null}
      busy={busy}
      error={error}
      finishLabel={choices?.existing.kind === 'reattach' ? 'Attach' : 'Create'}
      finishBusyLabel={choices?.existing.kind === 'reattach' ? 'Attaching…' : 'Creating…'}
      onFinish={() => void finish()}
      onCancel={onClose}
    >
      {!props ? (
        <p className="dialog-note">Add or connect a pool to create storage in it.</p>
      ) : step === 'type' ? (
        <TypeStep {...props} />
      ) : step === 'name' ? (
        <NameStep {...props} />
      ) : step === 'location' ? (
        <LocationStep {...props} scan={(location) => void scan(location)} />
      ) : (
        <FinishStep {...props} />
      )}
    </WizardFrame>
  );
}
