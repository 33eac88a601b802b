import { useId, useMemo, useState } from 'react';
import { bondModeSchema } from '../../../shared/api/methods/network.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { NumberField } from '../new-vm/number-field.js';
import { WizardFrame } from '../dialogs/wizard-frame.js';
import {
  bondModeText, emptyNewNetwork, masterNics, networkKinds, networkKindText, networkRequest, newNetworkStepProblem, newNetworkSteps, newNetworkStepTitles,
  type NewNetworkChoices, type NicChoice,
} from './new-network-choices.js';

const stepTitles = newNetworkSteps.map((id) => newNetworkStepTitles[id]);

interface StepProps {
  readonly choices: NewNetworkChoices;
  readonly nics: readonly NicChoice[];
  readonly busy: boolean;
  update(change: Partial<NewNetworkChoices>): void;
}

function TypeStep({ choices, busy, update }: StepProps) {
  return (
    <fieldset className="plain">
      <legend className="visually-hidden">Network type</legend>
      {networkKinds.map((kind, index) => (
        <label key={kind} className="check choice">
          <input type="radio" name="network-kind" checked={choices.kind === kind} disabled={busy} data-autofocus={index === 0 ? true : undefined} onChange={() => update({ kind, name: kind === 'bond' ? '' : choices.name || 'New Network' })} />
          <span>{networkKindText[kind].label}</span>
          <span className="choice-detail">{networkKindText[kind].detail}</span>
        </label>
      ))}
    </fieldset>
  );
}

function NameStep({ choices, busy, update }: StepProps) {
  const ids = useId();
  return (
    <div className="name-step">
      <div className="field">
        <label htmlFor={`${ids}-name`}>Name:</label>
        <input id={`${ids}-name`} value={choices.name} maxLength={255} disabled={busy} placeholder={choices.kind === 'bond' ? 'Bond 0+1 (from the NICs)' : undefined} spellCheck={false} autoComplete="off" data-autofocus onChange={(event) => update({ name: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>Description:</label>
        <textarea id={`${ids}-description`} value={choices.description} rows={3} maxLength={1000} disabled={busy || choices.kind === 'bond'} onChange={(event) => update({ description: event.target.value })} />
      </div>
    </div>
  );
}

function NicLabel({ nic }: { nic: NicChoice }) {
  return (
    <>
      {nic.device} <span className="choice-detail">{nic.mac} · {nic.linkUp ? 'Connected' : 'Disconnected'}{nic.management ? ' · management' : ''}</span>
    </>
  );
}

function SettingsStep({ choices, nics, busy, update }: StepProps) {
  const ids = useId();
  const bondable = nics.filter((nic) => !nic.bond);
  const carriesManagement = choices.kind === 'bond' && bondable.some((nic) => nic.management && choices.bondPifs.includes(nic.id));
  return (
    <div className="network-settings-step">
      {choices.kind === 'external' && (
        <>
          <div className="field">
            <label htmlFor={`${ids}-nic`}>NIC:</label>
            <select id={`${ids}-nic`} value={choices.pifId} disabled={busy} data-autofocus onChange={(event) => update({ pifId: event.target.value })}>
              <option value="">(choose a NIC)</option>
              {nics.map((nic) => (
                <option key={nic.id} value={nic.id}>
                  {nic.device}
                </option>
              ))}
            </select>
          </div>
          <NumberField label="VLAN:" value={choices.vlan} min={0} max={4094} step={1} disabled={busy} onValue={(vlan) => update({ vlan })} />
        </>
      )}
      {choices.kind === 'bond' && (
        <>
          <fieldset>
            <legend>NICs to bond (on every server)</legend>
            {bondable.map((nic) => (
              <label key={nic.id} className="check">
                <input
                  type="checkbox"
                  checked={choices.bondPifs.includes(nic.id)}
                  disabled={busy}
                  onChange={(event) => update({ bondPifs: event.target.checked ? [...choices.bondPifs, nic.id] : choices.bondPifs.filter((id) => id !== nic.id) })}
                />{' '}
                <NicLabel nic={nic} />
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Bond mode</legend>
            {bondModeSchema.options.map((mode) => (
              <label key={mode} className="check">
                <input type="radio" name="bond-mode" checked={choices.mode === mode} disabled={busy} onChange={() => update({ mode })} /> {bondModeText[mode]}
              </label>
            ))}
            {choices.mode === 'lacp' && (
              <div className="field indented">
                <label htmlFor={`${ids}-hashing`}>Load balancing:</label>
                <select id={`${ids}-hashing`} value={choices.hashing} disabled={busy} onChange={(event) => update({ hashing: event.target.value as NewNetworkChoices['hashing'] })}>
                  <option value="tcpudp_ports">Based on IP and port of source and destination</option>
                  <option value="src_mac">Based on source MAC address</option>
                </select>
              </div>
            )}
          </fieldset>
          {carriesManagement && (
            <p className="dialog-warning">
              The management interface moves onto the bond on every server; connections to the pool drop for a moment. If a server fails, every bond is undone.
            </p>
          )}
        </>
      )}
      <NumberField label="MTU:" value={choices.mtu} min={1280} max={9216} step={1} disabled={busy} onValue={(mtu) => update({ mtu })} />
      <label className="check">
        <input type="checkbox" checked={choices.autoAdd} disabled={busy} onChange={(event) => update({ autoAdd: event.target.checked })} /> Automatically add this network to new virtual machines
      </label>
    </div>
  );
}

function FinishStep({ choices, nics }: StepProps) {
  const devices = (ids: readonly string[]) => nics.filter((nic) => ids.includes(nic.id)).map((nic) => nic.device).join(' + ');
  return (
    <dl className="summary">
      <div className="summary-row"><dt>Type</dt><dd>{networkKindText[choices.kind].label}</dd></div>
      <div className="summary-row"><dt>Name</dt><dd>{choices.name.trim() || `Bond of ${devices(choices.bondPifs)}`}</dd></div>
      {choices.kind === 'external' && <div className="summary-row"><dt>VLAN</dt><dd>{choices.vlan} on {devices([choices.pifId])} of every server</dd></div>}
      {choices.kind === 'bond' && <div className="summary-row"><dt>Bond</dt><dd>{devices(choices.bondPifs)}, {bondModeText[choices.mode]}</dd></div>}
      <div className="summary-row"><dt>MTU</dt><dd>{choices.mtu}</dd></div>
    </dl>
  );
}

/** The pool the wizard works in: the one asked for, else the first connected. */
function startingPool(poolId: string | null): string | null {
  return poolId ?? [...usePoolsStore.getState().pools.values()].find((pool) => pool.state === 'connected')?.poolId ?? null;
}

/**
 * XenCenter's New Network wizard: an external network (a VLAN on a NIC of every server), a single-server private
 * network, or a bonded network (the same NICs bonded on every server, the management interface moving onto it,
 * all undone when a server fails). The new network is selected when its job succeeds.
 */
export function NewNetworkWizard({ poolId, onClose }: { poolId: string | null; onClose(): void }) {
  const mirror = useMirror();
  const [choices, setChoices] = useState<NewNetworkChoices | null>(() => {
    const pool = startingPool(poolId);
    return pool ? emptyNewNetwork(pool) : null;
  });
  const [index, setIndex] = useState(0);
  const { busy, error, call } = useDialogCall();
  const nics = useMemo(() => (choices ? masterNics(mirror, choices.poolId) : []), [mirror, choices]);
  const problems = useMemo(() => newNetworkSteps.map((step) => (choices ? newNetworkStepProblem(mirror, choices, step) : 'Connect to a pool first')), [mirror, choices]);
  const update = (change: Partial<NewNetworkChoices>) => setChoices((current) => (current ? { ...current, ...change } : current));

  const finish = async () => {
    if (!choices) return;
    const request = networkRequest(choices);
    const output = request.method === 'network.createBond' ? await call('network.createBond', request.input) : await call('network.create', request.input);
    if (!output) return;
    selectCreatedWhenDone(output.jobIds);
    onClose();
  };
  const step = newNetworkSteps[index]!;
  const props = choices ? { choices, nics, busy, update } : null;
  return (
    <WizardFrame
      title="New Network"
      className="new-vm-wizard new-network-wizard"
      stepTitles={stepTitles}
      stepIndex={index}
      reachable={(target) => problems.slice(0, target).every((each) => each === null)}
      onStep={setIndex}
      problem={problems[index] ?? null}
      busy={busy}
      error={error}
      finishLabel="Create"
      finishBusyLabel="Creating…"
      onFinish={() => void finish()}
      onCancel={onClose}
    >
      {!props ? (
        <p className="dialog-note">Add or connect a pool to create networks in it.</p>
      ) : step === 'type' ? (
        <TypeStep {...props} />
      ) : step === 'name' ? (
        <NameStep {...props} />
      ) : step === 'settings' ? (
        <SettingsStep {...props} />
      ) : (
        <FinishStep {...props} />
      )}
    </WizardFrame>
  );
}
