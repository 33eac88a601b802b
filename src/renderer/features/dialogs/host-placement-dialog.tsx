import { useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiError } from '../../../shared/api/errors.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { otherPools, type DestinationPool } from '../migrate-wizard/cross-pool-choices.js';
import { CallError } from './call-error.js';
import { DialogFrame } from './dialog-frame.js';
import { hostOptions, preselectedHost, type HostOption, type Placement } from './host-placement.js';
import { hostsOfPool } from './pool-resources.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { capacityText, hostCapacity } from './host-capacity.js';
import { useDialogCall } from './use-dialog-call.js';
import { useMirror } from './use-mirror.js';

type PlacementState = { state: 'loading' } | { state: 'failed'; error: ApiError } | { state: 'ready'; placements: ReadonlyMap<string, Placement> };

/** Asks the server, once, where each VM could go. */
function usePlacements(vmIds: readonly string[]): PlacementState {
  const bridge = useBridge();
  const [result, setResult] = useState<PlacementState>({ state: 'loading' });
  const key = vmIds.join('\n');
  useEffect(() => {
    let live = true;
    void Promise.all(key.split('\n').map(async (vmId) => [vmId, await bridge.call('vm.placement', { vmId })] as const)).then((answers) => {
      if (!live) return;
      const failed = answers.find(([, answer]) => !answer.ok);
      if (failed && !failed[1].ok) setResult({ state: 'failed', error: failed[1].error });
      else setResult({ state: 'ready', placements: new Map(answers.map(([vmId, answer]) => [vmId, answer.ok ? answer.output : []])) });
    });
    return () => {
      live = false;
    };
  }, [bridge, key]);
  return result;
}

function HostRow({ option, capacity, groupName, checked, onChoose }: { option: HostOption; capacity: string; groupName: string; checked: boolean; onChoose(): void }) {
  const ids = useId();
  const note = option.current ? 'Current server' : option.reason ? option.reason.message : null;
  const described = [capacity ? `${ids}-capacity` : null, note ? `${ids}-note` : null].filter(Boolean).join(' ');
  return (
    <li className={option.canTake ? 'host-option' : 'host-option unavailable'}>
      <label>
        <input type="radio" name={groupName} checked={checked} disabled={!option.canTake} onChange={onChoose} aria-describedby={described || undefined} />
        <span className="host-option-name">{option.name}</span>
      </label>
      {capacity && (
        <span id={`${ids}-capacity`} className="host-option-note">
          {capacity}
        </span>
      )}
      {note && (
        <span id={`${ids}-note`} className="host-option-note">
          {note} {option.reason && <code className="error-code">({option.reason.code})</code>}
        </span>
      )}
    </li>
  );
}

/** The servers of other pools a single VM can be migrated to (XenCenter's cross-pool Migrate); choosing one opens the wizard. */
function OtherPoolHosts({ pools, capacityOf, groupName, selected, onChoose }: { pools: readonly DestinationPool[]; capacityOf(hostId: string): string; groupName: string; selected: string | null; onChoose(hostId: string): void }) {
  return (
    <>
      {pools.map((pool) => (
        <fieldset key={pool.poolId} className="host-options">
          <legend>{`Servers in pool ${pool.label}`}</legend>
          <ul>
            {pool.hosts.map((host) => (
              <li key={host.$id} className="host-option">
                <label>
                  <input type="radio" name={groupName} checked={selected === host.$id} onChange={() => onChoose(host.$id)} aria-describedby={capacityOf(host.$id) ? `${groupName}-${host.$id}` : undefined} />
                  <span className="host-option-name">{nameOf(host)}</span>
                </label>
                {capacityOf(host.$id) && (
                  <span id={`${groupName}-${host.$id}`} className="host-option-note">
                    {capacityOf(host.$id)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </>
  );
}

interface HostPlacementDialogProps {
  mode: 'startOn' | 'migrate';
  vmIds: readonly string[];
  /** The server a VM was dropped on: the dialog then reads as a confirmation. */
  hostId?: string;
  onClose(): void;
}

/**
 * Start on Server and Migrate VM: the servers of the VM's pool, the ones that can take it selectable, the
 * others greyed with XAPI's reason and code. Migrating several VMs migrates each (VMs already on the chosen
 * server stay).
 */
export function HostPlacementDialog({ mode, vmIds, hostId, onClose }: HostPlacementDialogProps) {
  const vms = useObjectsStore(useShallow((state) => vmIds.map((id) => selectObject(id, 'VM')(state)).filter((vm): vm is XapiRecord<'VM'> => vm !== undefined)));
  const poolId = vms[0]?.$pool ?? '';
  const hosts = useObjectsStore(useShallow((state) => hostsOfPool(state, poolId)));
  const placement = usePlacements(vmIds);
  const migrating = mode === 'migrate';
  // A halted VM does not move between the servers of its own pool; it can go to another pool's.
  const withinPool = !migrating || vms.some((vm) => vm.allowed_operations.includes('pool_migrate'));
  const options = useMemo(() => (placement.state === 'ready' && withinPool ? hostOptions(hosts, vms, placement.placements, migrating) : []), [placement, hosts, vms, migrating, withinPool]);
  const mirror = useMirror();
  const capacityOf = (hostId: string) => {
    const host = objectOf(mirror, 'host', hostId);
    return host ? capacityText(hostCapacity(mirror, host)) : '';
  };
  const pools = usePoolsStore((state) => state.pools);
  const crossPool = useMemo(() => (migrating && vms.length === 1 && vms[0]!.allowed_operations.includes('migrate_send') ? otherPools(mirror, pools.values(), poolId) : []), [migrating, vms, mirror, pools, poolId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const selected = touched ? chosen : preselectedHost(options, hostId);
  const crossPoolHost = crossPool.some((pool) => pool.hosts.some((host) => host.$id === selected));
  const { busy, error, call, showError } = useDialogCall();
  const groupName = useId();

  const vmLabel = vms.length === 1 ? `'${nameOf(vms[0])}'` : `${vms.length} VMs`;
  const droppedOn = hostId ? hosts.find((host) => host.$id === hostId) : undefined;
  const intro = migrating
    ? droppedOn
      ? `Migrate ${vmLabel} to ${nameOf(droppedOn)}?`
      : `Choose the server to migrate ${vmLabel} to.`
    : `Choose the server to start ${vmLabel} on.`;
  const blockedBy =
    vms.length === 0
      ? 'The VM is gone'
      : placement.state === 'loading'
        ? 'Checking the servers…'
        : placement.state === 'failed'
          ? 'The servers could not be checked'
          : selected
            ? null
            : options.length === 0 && crossPool.length > 0
              ? 'Choose a server of another pool'
              : 'No server can take the VM';

  const submit = async () => {
    if (!selected) return;
    if (crossPoolHost) {
      // Across pools the disks and networks need choosing too: XenCenter's Migrate wizard takes over.
      useDialogStore.getState().show({ kind: 'crossPoolMigrate', vmId: vmIds[0]!, hostId: selected });
      return;
    }
    if (!migrating) {
      if (await call('vm.startOn', { vmId: vmIds[0]!, hostId: selected })) onClose();
      return;
    }
    const moving = vms.filter((vm) => vm.resident_on !== selected);
    for (const vm of moving) {
      if (!(await call('vm.migrate', { vmId: vm.$id, hostId: selected }))) return;
    }
    if (moving.length === 0) showError({ code: 'VM_ALREADY_ON_HOST', message: 'The VMs already run on that server.' });
    else onClose();
  };

  return (
    <DialogFrame
      title={migrating ? 'Migrate VM' : 'Start on Server'}
      intro={intro}
      className="host-placement-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel={crossPoolHost ? 'Migrate…' : migrating ? 'Migrate' : 'Start'}
      busyLabel={migrating ? 'Migrating…' : 'Starting…'}
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      {placement.state === 'loading' && (
        <p className="dialog-note" role="status">
          <span className="spinner" aria-hidden="true" /> Checking which servers can take {vmLabel}…
        </p>
      )}
      {placement.state === 'failed' && <CallError error={placement.error} />}
      {placement.state === 'ready' && !withinPool && <p className="dialog-note">A halted VM stays on its pool's storage; choose a server of another pool to move it there.</p>}
      {placement.state === 'ready' && withinPool && (
        <fieldset className="host-options" disabled={busy}>
          <legend>{crossPool.length > 0 ? 'Servers in this pool' : 'Servers'}</legend>
          <ul>
            {options.map((option) => (
              <HostRow
                key={option.hostId}
                option={option}
                capacity={capacityOf(option.hostId)}
                groupName={groupName}
                checked={selected === option.hostId}
                onChoose={() => {
                  setTouched(true);
                  setChosen(option.hostId);
                }}
              />
            ))}
          </ul>
        </fieldset>
      )}
      {placement.state === 'ready' && (
        <OtherPoolHosts
          pools={crossPool}
          capacityOf={capacityOf}
          groupName={groupName}
          selected={selected}
          onChoose={(id) => {
            setTouched(true);
            setChosen(id);
          }}
        />
      )}
    </DialogFrame>
  );
}
