import { useId, useMemo } from 'react';
import { hostsOfPool } from '../../dialogs/pool-resources.js';
import { nameOf } from '../../../store/mirror-read.js';
import type { StepProps } from './step-props.js';

/** Home Server: none (the pool chooses where the VM starts) or one server the VM prefers. */
export function HomeServerStep({ choices, mirror, update }: StepProps) {
  const ids = useId();
  const hosts = useMemo(() => hostsOfPool(mirror, choices.poolId), [mirror, choices.poolId]);
  const setHome = (homeHostId: string | null) => update((current) => ({ ...current, homeHostId }));
  return (
    <fieldset className="home-server-step plain">
      <legend className="visually-hidden">Home server</legend>
      <label className="check">
        <input type="radio" name={`${ids}-home`} checked={choices.homeHostId === null} onChange={() => setHome(null)} data-autofocus={choices.homeHostId === null ? true : undefined} />
        Don’t assign this VM a home server
      </label>
      <p className="dialog-note indented">The VM starts on any server of the pool that has the resources it needs.</p>
      <p className="dialog-note">Or place the VM on this server when it can:</p>
      <ul className="plain-list">
        {hosts.map((host) => (
          <li key={host.$id}>
            <label className="check">
              <input type="radio" name={`${ids}-home`} checked={choices.homeHostId === host.$id} onChange={() => setHome(host.$id)} data-autofocus={choices.homeHostId === host.$id ? true : undefined} />
              {nameOf(host)}
              {host.enabled === false && <span className="choice-detail"> (disabled)</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
