import { useId } from 'react';
import type { XapiRecord } from '../../../../shared/xapi/objects.js';
import { nameOf, objectsOfType } from '../../../store/mirror-read.js';
import { capacityText, hostCapacity } from '../../dialogs/host-capacity.js';
import { byName } from '../../tree/name-order.js';
import type { VmDraft } from '../draft-vm.js';
import type { PageProps } from '../page-props.js';

/**
 * Home Server (XAPI's affinity): none, so the VM starts on any server with room, or one server it starts on when it
 * can; each server with its free memory and CPUs, as XenCenter's list shows them.
 */
export function HomeServerPage({ draft, update, index, object, saving }: PageProps<VmDraft, XapiRecord<'VM'>>) {
  const group = useId();
  const hosts = objectsOfType(index, 'host', object.$pool).sort(byName);
  return (
    <fieldset className="host-options plain" disabled={saving}>
      <legend className="visually-hidden">Home server</legend>
      <ul>
        <li className="host-option">
          <label>
            <input type="radio" name={group} checked={draft.homeServerId === null} onChange={() => update({ homeServerId: null })} />
            <span className="host-option-name">Don't assign a home server</span>
          </label>
          <span className="host-option-note">The VM starts on any server of the pool with the resources it needs.</span>
        </li>
        {hosts.map((host) => {
          const capacity = capacityText(hostCapacity(index, host));
          return (
            <li key={host.$id} className="host-option">
              <label>
                <input type="radio" name={group} checked={draft.homeServerId === host.$id} onChange={() => update({ homeServerId: host.$id })} aria-describedby={capacity ? `${group}-${host.$id}` : undefined} />
                <span className="host-option-name">{nameOf(host, host.$id)}</span>
              </label>
              {capacity && (
                <span id={`${group}-${host.$id}`} className="host-option-note">
                  {capacity}
                  {host.enabled ? '' : ' (disabled)'}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
