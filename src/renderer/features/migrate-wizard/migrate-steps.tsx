import { useId, useMemo } from 'react';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { formatBytes } from '../details/format.js';
import { InterfaceNetworkList } from '../dialogs/interface-network-list.js';
import { diskSrsOfPool, guestNetworksOfPool } from '../dialogs/pool-resources.js';
import { disksOfVm } from '../dialogs/vm-disks.js';
import { choicesForHost, interfacesOfVm, otherPools, type CrossPoolChoices } from './cross-pool-choices.js';

/** What every step gets: the mirror, the choices, and a way to change them. */
export interface MigrateStepProps {
  mirror: ObjectIndex;
  choices: CrossPoolChoices;
  update(change: (current: CrossPoolChoices) => CrossPoolChoices): void;
}

/** The destination's pool (the chosen server's). */
function destinationPool(mirror: ObjectIndex, choices: CrossPoolChoices): string {
  return objectOf(mirror, 'host', choices.hostId)?.$pool ?? '';
}

/** Destination: the servers of every other connected pool, grouped by pool; choosing one sets every default. */
export function DestinationStep({ mirror, choices, update }: MigrateStepProps) {
  const group = useId();
  const pools = usePoolsStore((state) => state.pools);
  const vm = objectOf(mirror, 'VM', choices.vmId);
  const destinations = useMemo(() => otherPools(mirror, pools.values(), vm?.$pool ?? ''), [mirror, pools, vm?.$pool]);
  if (destinations.length === 0) return <p className="dialog-note">Connect another pool first: a VM migrates here to a server of another pool.</p>;
  return (
    <div className="destination-step">
      {destinations.map((pool) => (
        <fieldset key={pool.poolId} className="host-options">
          <legend>{pool.label}</legend>
          <ul>
            {pool.hosts.map((host) => (
              <li key={host.$id} className="host-option">
                <label>
                  <input
                    type="radio"
                    name={group}
                    checked={choices.hostId === host.$id}
                    data-autofocus={choices.hostId === host.$id ? true : undefined}
                    onChange={() => update((current) => (current.hostId === host.$id ? current : choicesForHost(mirror, current.vmId, host.$id)))}
                  />
                  <span className="host-option-name">{nameOf(host)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}

/** Storage: each disk of the VM onto an SR of the destination pool. */
export function StorageStep({ mirror, choices, update }: MigrateStepProps) {
  const ids = useId();
  const poolId = destinationPool(mirror, choices);
  const srs = useMemo(() => diskSrsOfPool(mirror, poolId), [mirror, poolId]);
  const disks = useMemo(() => disksOfVm(mirror, choices.vmId), [mirror, choices.vmId]);
  if (disks.length === 0) return <p className="dialog-note">The VM has no disks: only its configuration moves.</p>;
  return (
    <ul className="row-list">
      {disks.map((disk, index) => (
        <li key={disk.vdiId} className="field">
          <label htmlFor={`${ids}-${disk.vdiId}`}>{`${disk.name || 'Disk'} (${formatBytes(disk.sizeBytes)}):`}</label>
          <select
            id={`${ids}-${disk.vdiId}`}
            value={choices.storage[disk.vdiId] ?? ''}
            data-autofocus={index === 0 ? true : undefined}
            onChange={(event) => {
              const srId = event.target.value || null;
              update((current) => ({ ...current, storage: { ...current.storage, [disk.vdiId]: srId } }));
            }}
          >
            {!choices.storage[disk.vdiId] && <option value="">(choose an SR)</option>}
            {srs.map((sr) => (
              <option key={sr.id} value={sr.id}>
                {sr.label}
              </option>
            ))}
          </select>
        </li>
      ))}
    </ul>
  );
}

/** Networking: each interface of the VM onto a network of the destination pool. */
export function NetworkingStep({ mirror, choices, update }: MigrateStepProps) {
  const poolId = destinationPool(mirror, choices);
  const networks = useMemo(() => guestNetworksOfPool(mirror, poolId), [mirror, poolId]);
  const vifs = useMemo(() => interfacesOfVm(mirror, choices.vmId), [mirror, choices.vmId]);
  if (vifs.length === 0) return <p className="dialog-note">The VM has no network interfaces.</p>;
  return (
    <InterfaceNetworkList
      rows={vifs.map((vif) => ({ key: vif.vifId, label: `Interface ${vif.device} (${vif.networkName || 'no network'}):` }))}
      networks={networks}
      chosen={choices.networks}
      onChoose={(key, networkId) => update((current) => ({ ...current, networks: { ...current.networks, [key]: networkId || null } }))}
    />
  );
}

/** Transfer network: the destination network the disks (and a running VM's memory) travel on. */
export function TransferNetworkStep({ mirror, choices, update }: MigrateStepProps) {
  const id = useId();
  const poolId = destinationPool(mirror, choices);
  const networks = useMemo(() => guestNetworksOfPool(mirror, poolId), [mirror, poolId]);
  return (
    <div>
      <p className="dialog-note">The destination server receives the VM on this network. It needs an IP address on it; the management network always has one.</p>
      <div className="field">
        <label htmlFor={id}>Network:</label>
        <select
          id={id}
          value={choices.transferNetworkId ?? ''}
          data-autofocus
          onChange={(event) => {
            const transferNetworkId = event.target.value || null;
            update((current) => ({ ...current, transferNetworkId }));
          }}
        >
          {!choices.transferNetworkId && <option value="">(choose a network)</option>}
          {networks.map((network) => (
            <option key={network.$id} value={network.$id}>
              {nameOf(network)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
