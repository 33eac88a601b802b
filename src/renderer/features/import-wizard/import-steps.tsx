import { useId, useMemo } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { ImportDescription } from '../../../shared/api/methods/files.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf } from '../../store/mirror-read.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { formatBytes } from '../details/format.js';
import { CallError } from '../dialogs/call-error.js';
import { InterfaceNetworkList } from '../dialogs/interface-network-list.js';
import { diskSrsOfPool, guestNetworksOfPool, hostsOfPool } from '../dialogs/pool-resources.js';
import { SrSelect } from '../dialogs/sr-select.js';
import { choicesForPool, importsVm, poolName, type ImportChoices } from './import-choices.js';

/** What every step gets: the mirror, the choices, and a way to change them. */
export interface ImportStepProps {
  mirror: ObjectIndex;
  choices: ImportChoices;
  update(change: (current: ImportChoices) => ImportChoices): void;
}

/** What the file holds, in a sentence: "An XVA (zstd) of 'web-01': 2 vCPUs, 1 GiB of memory, 2 disks, 1 network interface." */
export function describeImport(description: ImportDescription): string {
  const kinds: Record<ImportDescription['format'], string> = { xva: 'An XVA', ova: 'An OVA', ovf: 'An OVF', disk: 'A disk image' };
  const compressed = description.compression !== 'none' ? ` (${description.compression}-compressed)` : '';
  const disks = `${description.disks.length} ${description.disks.length === 1 ? 'disk' : 'disks'}`;
  if (description.format === 'disk') return `${kinds.disk} (${description.description}) of ${formatBytes(description.disks[0]?.capacityBytes ?? 0)}.`;
  if (!description.vm) return `${kinds[description.format]}${compressed} of '${description.name}'; its details are read as it is imported.`;
  const nics = `${description.nics.length} network ${description.nics.length === 1 ? 'interface' : 'interfaces'}`;
  return `${kinds[description.format]}${compressed} of '${description.name}': ${description.vm.vcpus} vCPUs, ${formatBytes(description.vm.memoryBytes)} of memory, ${disks}, ${nics}.`;
}

/** Import Source: the file (the native Open dialog in the desktop app, the browser's picker in a browser), and what it holds. */
export function SourceStep(props: { choices: ImportChoices; inBrowser: boolean; inspecting: boolean; inspectError: ApiError | null; onBrowse(): void; onBrowserFile(file: File): void }) {
  const { choices, inBrowser, inspecting, inspectError } = props;
  const id = useId();
  return (
    <div className="import-source-step">
      <p className="dialog-note">An XVA (plain, gzip or zstd), an OVA{inBrowser ? '' : ' or an OVF with its disk files beside it'}, or one disk image (VHD, VMDK, raw). It streams to the pool as it is read, and is checked on the way.</p>
      <div className="field">
        <label htmlFor={id}>File:</label>
        {inBrowser ? (
          <input id={id} type="file" accept=".xva,.gz,.zst,.ova,.ovf,.vhd,.vmdk,.img,.raw" data-autofocus onChange={(event) => event.target.files?.[0] && props.onBrowserFile(event.target.files[0])} />
        ) : (
          <span className="import-file-choice">
            <output id={id} className="import-file-name">{choices.file?.name ?? '(no file chosen)'}</output>
            <button type="button" onClick={props.onBrowse} data-autofocus>
              Browse…
            </button>
          </span>
        )}
      </div>
      {inspecting && <p className="dialog-note">Reading the file…</p>}
      {choices.description && !inspecting && <p className="dialog-note import-description">{describeImport(choices.description)}</p>}
      <CallError error={inspectError} />
    </div>
  );
}

/** Home Server (a VM) or Location (a disk): the pool it goes to; for a VM, the server it prefers to start on. */
export function LocationStep({ mirror, choices, update }: ImportStepProps) {
  const ids = useId();
  const pools = usePoolsStore((state) => state.pools);
  const connected = useMemo(() => [...pools.values()].filter((pool) => pool.state === 'connected'), [pools]);
  const hosts = useMemo(() => hostsOfPool(mirror, choices.poolId ?? ''), [mirror, choices.poolId]);
  return (
    <div>
      <div className="field">
        <label htmlFor={`${ids}-pool`}>Pool:</label>
        <select id={`${ids}-pool`} value={choices.poolId ?? ''} data-autofocus onChange={(event) => update((current) => choicesForPool(mirror, current, event.target.value))}>
          {!choices.poolId && <option value="">(choose a pool)</option>}
          {connected.map((pool) => (
            <option key={pool.poolId} value={pool.poolId}>
              {poolName(mirror, pool.poolId) || pool.label || pool.address}
            </option>
          ))}
        </select>
      </div>
      {importsVm(choices) && (
        <fieldset className="host-options">
          <legend>Home server</legend>
          <ul>
            <li className="host-option">
              <label>
                <input type="radio" name={`${ids}-home`} checked={choices.homeHostId === ''} onChange={() => update((current) => ({ ...current, homeHostId: '' }))} />
                <span className="host-option-name">Don&apos;t assign a home server</span>
              </label>
            </li>
            {hosts.map((host) => (
              <li key={host.$id} className="host-option">
                <label>
                  <input type="radio" name={`${ids}-home`} checked={choices.homeHostId === host.$id} onChange={() => update((current) => ({ ...current, homeHostId: host.$id }))} />
                  <span className="host-option-name">{nameOf(host)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}

/** Storage: the SR the disks go to; an OVF's disks may each go to their own. */
export function StorageStep({ mirror, choices, update }: ImportStepProps) {
  const ids = useId();
  const srs = useMemo(() => diskSrsOfPool(mirror, choices.poolId ?? ''), [mirror, choices.poolId]);
  const disks = choices.description?.disks ?? [];
  const perDisk = (choices.description?.format === 'ova' || choices.description?.format === 'ovf') && disks.length > 1;
  return (
    <div>
      <SrSelect label={perDisk ? 'Default SR:' : 'Storage:'} value={choices.srId ?? ''} choices={srs} onChange={(srId) => update((current) => ({ ...current, srId }))} {...(choices.srId ? {} : { extra: { value: '', label: '(choose an SR)' } })} />
      {perDisk && (
        <ul className="row-list">
          {disks.map((disk) => (
            <li key={disk.id} className="field">
              <label htmlFor={`${ids}-${disk.id}`}>{`${disk.label} (${formatBytes(disk.capacityBytes)}):`}</label>
              <select
                id={`${ids}-${disk.id}`}
                value={choices.storage[disk.id] ?? ''}
                onChange={(event) => {
                  const srId = event.target.value;
                  update((current) => {
                    const storage = { ...current.storage };
                    if (srId) storage[disk.id] = srId;
                    else delete storage[disk.id];
                    return { ...current, storage };
                  });
                }}
              >
                <option value="">(the default SR)</option>
                {srs.map((sr) => (
                  <option key={sr.id} value={sr.id}>
                    {sr.label}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}
      {!perDisk && disks.length > 0 && <p className="dialog-note">{`${disks.length} ${disks.length === 1 ? 'disk' : 'disks'}, ${formatBytes(disks.reduce((sum, disk) => sum + disk.capacityBytes, 0))} in all.`}</p>}
    </div>
  );
}

/** Networking: each interface of the VM onto a network of the pool. */
export function NetworkingStep({ mirror, choices, update }: ImportStepProps) {
  const networks = useMemo(() => guestNetworksOfPool(mirror, choices.poolId ?? ''), [mirror, choices.poolId]);
  const nics = choices.description?.nics ?? [];
  if (nics.length === 0) return <p className="dialog-note">The VM has no network interfaces{choices.description?.vm ? '' : ' that the file shows yet'}.</p>;
  return (
    <InterfaceNetworkList
      rows={nics.map((nic) => ({ key: nic.id, label: `Interface ${nic.id}${nic.networkName ? ` (was on ${nic.networkName})` : ''}:` }))}
      networks={networks}
      chosen={choices.networks}
      onChoose={(key, networkId) => update((current) => ({ ...current, networks: { ...current.networks, [key]: networkId } }))}
    />
  );
}

/** Finish: what will happen, and (for a VM) whether to start it once it has arrived. */
export function FinishStep({ mirror, choices, update }: ImportStepProps) {
  const id = useId();
  const description = choices.description;
  const sr = diskSrsOfPool(mirror, choices.poolId ?? '').find((each) => each.id === choices.srId);
  return (
    <div>
      <dl className="import-summary">
        <dt>File</dt>
        <dd>{choices.file?.name}</dd>
        <dt>What</dt>
        <dd>{description ? describeImport(description) : ''}</dd>
        <dt>Pool</dt>
        <dd>{poolName(mirror, choices.poolId)}</dd>
        <dt>Storage</dt>
        <dd>{sr?.name ?? ''}</dd>
      </dl>
      <p className="dialog-note">The VM stays stopped and cannot be started until all of it has arrived and been checked. If anything fails, nothing is left on the pool.</p>
      {importsVm(choices) && (
        <label className="check" htmlFor={id}>
          <input id={id} type="checkbox" checked={choices.start} data-autofocus onChange={(event) => update((current) => ({ ...current, start: event.target.checked }))} />
          Start the VM after import
        </label>
      )}
    </div>
  );
}
