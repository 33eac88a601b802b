import { useId, useMemo, useState } from 'react';
import type { HostGuestsChoice } from '../../../shared/api/methods/hosts.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf, objectOf, objectsOfType } from '../../store/mirror-read.js';
import { useAppStore } from '../../store/app-store.js';
import { isOnHost, isUserVm } from '../tree/object-kinds.js';
import { DialogFrame } from './dialog-frame.js';
import { afterNewMaster, masterAmong, masterCandidates } from './new-master.js';
import { NewMasterChoice } from './new-master-choice.js';
import { useMirror } from './use-mirror.js';

/** The guest VMs running (or paused) on these servers now. */
export function guestsOn(index: ObjectIndex, hostIds: readonly string[]): XapiRecord<'VM'>[] {
  return hostIds.flatMap((hostId) => {
    const host = objectOf(index, 'host', hostId);
    return host ? objectsOfType(index, 'VM', host.$pool).filter((vm) => isUserVm(vm) && isOnHost(vm) && vm.resident_on === hostId) : [];
  });
}

const words = {
  reboot: { title: 'Reboot Server', verb: 'Reboot', label: 'Reboot', after: 'No VM can run there until it is back up.', master: 'reboots' },
  shutdown: { title: 'Shut Down Server', verb: 'Shut down', label: 'Shut Down', after: 'It stays off until someone powers it on again.', master: 'is off' },
} as const;

/**
 * XenCenter's Reboot / Shut Down Server: the servers may run VMs (they are migrated away first, or shut down
 * cleanly, as the person chooses) and one may be the pool master (another server can take over first).
 */
export function HostPowerDialog({ hostIds, operation, onClose }: { hostIds: readonly string[]; operation: 'reboot' | 'shutdown'; onClose(): void }) {
  const ids = useId();
  const bridge = useBridge();
  const mirror = useMirror();
  const hosts = useMemo(() => hostIds.map((id) => objectOf(mirror, 'host', id)).filter((host): host is XapiRecord<'host'> => host !== undefined), [mirror, hostIds]);
  const guests = useMemo(() => guestsOn(mirror, hostIds), [mirror, hostIds]);
  const master = useMemo(() => masterAmong(mirror, hostIds), [mirror, hostIds]);
  const candidates = useMemo(() => (master ? masterCandidates(mirror, master, hostIds) : []), [mirror, master, hostIds]);
  const [choice, setChoice] = useState<HostGuestsChoice>('migrate');
  const [newMaster, setNewMaster] = useState<string | null>(() => candidates[0]?.$id ?? null);
  const text = words[operation];
  const what = hosts.length === 1 ? `'${nameOf(hosts[0])}'` : `${hosts.length} servers`;

  const submit = () => {
    onClose();
    void afterNewMaster(bridge, master ? newMaster : null, async () => {
      const result = await bridge.call('host.power', { hostIds: [...hostIds], operation, ...(guests.length > 0 ? { guests: choice } : {}) });
      if (!result.ok) useAppStore.getState().setError(result.error);
    });
  };

  return (
    <DialogFrame
      title={text.title}
      intro={`${text.verb} ${what} now? ${text.after}`}
      className="host-power-dialog"
      onCancel={onClose}
      onSubmit={submit}
      submitLabel={text.label}
      blockedBy={hosts.length === 0 ? 'The server is gone' : null}
      danger
    >
      {guests.length > 0 && (
        <fieldset>
          <legend>{`${guests.length} VM${guests.length === 1 ? '' : 's'} running there`}</legend>
          <ul className="guest-list">
            {guests.slice(0, 6).map((vm) => (
              <li key={vm.$id}>{nameOf(vm)}</li>
            ))}
            {guests.length > 6 && <li>{`and ${guests.length - 6} more`}</li>}
          </ul>
          <label className="check">
            <input type="radio" name={`${ids}-guests`} checked={choice === 'migrate'} onChange={() => setChoice('migrate')} />
            Migrate them to other servers first
          </label>
          <label className="check">
            <input type="radio" name={`${ids}-guests`} checked={choice === 'shutdown'} onChange={() => setChoice('shutdown')} />
            Shut them down first
          </label>
        </fieldset>
      )}
      {master && <NewMasterChoice master={master} candidates={candidates} value={newMaster} onChange={setNewMaster} what={text.master} />}
    </DialogFrame>
  );
}
