import { useId, useMemo } from 'react';
import { guestNetworksOfPool } from '../../dialogs/pool-resources.js';
import { nameOf } from '../../../store/mirror-read.js';
import { nextFreeDevice, rowKey } from '../new-vm-choices.js';
import { limitsFor } from '../new-vm-validation.js';
import { FieldProblemText, invalidProps } from '../field-problem.js';
import type { StepProps } from './step-props.js';

/** Networking: the template's VIFs (or one on the pool's first network), each on a chosen network; add and remove. */
export function NetworkingStep({ choices, mirror, problems, update }: StepProps) {
  const ids = useId();
  const networks = useMemo(() => guestNetworksOfPool(mirror, choices.poolId), [mirror, choices.poolId]);
  const limits = useMemo(() => limitsFor(mirror, choices), [mirror, choices]);
  const maxVifs = limits?.maxVifs ?? 0;
  const freeDevice = nextFreeDevice(choices.networks.map((vif) => vif.device), maxVifs);
  const canAdd = freeDevice !== null && networks.length > 0;

  const setNetwork = (key: string, networkId: string) =>
    update((current) => ({ ...current, networks: current.networks.map((vif) => (vif.key === key ? { ...vif, networkId } : vif)) }));
  const addVif = () =>
    update((current) => ({ ...current, networks: [...current.networks, { key: rowKey('vif'), device: freeDevice!, networkId: networks[0]?.$id ?? null }] }));
  const removeVif = (key: string) => update((current) => ({ ...current, networks: current.networks.filter((vif) => vif.key !== key) }));

  return (
    <div className="networking-step">
      {choices.networks.length === 0 && <p className="dialog-note">No network interfaces: the VM will have no network.</p>}
      <ul className="row-list">
        {choices.networks.map((vif) => (
          <li key={vif.key} className="device-row" aria-label={`Interface ${vif.device}`}>
            <div className="field">
              <label htmlFor={`${ids}-${vif.key}`}>{`Network of interface ${vif.device}:`}</label>
              <select
                id={`${ids}-${vif.key}`}
                value={vif.networkId ?? ''}
                onChange={(event) => setNetwork(vif.key, event.target.value)}
                {...invalidProps(`${ids}-${vif.key}-problem`, problems.get(`network:${vif.key}`))}
              >
                {vif.networkId === null && <option value="">(choose a network)</option>}
                {networks.map((network) => (
                  <option key={network.$id} value={network.$id}>
                    {nameOf(network)}
                  </option>
                ))}
              </select>
              <FieldProblemText id={`${ids}-${vif.key}-problem`} problem={problems.get(`network:${vif.key}`)} />
            </div>
            <button type="button" className="small-button" onClick={() => removeVif(vif.key)} aria-label={`Remove interface ${vif.device}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {problems.get('vifs') && <p className="field-problem">{problems.get('vifs')}</p>}
      <button type="button" className="small-button" onClick={addVif} disabled={!canAdd}>
        Add Interface
      </button>
    </div>
  );
}
