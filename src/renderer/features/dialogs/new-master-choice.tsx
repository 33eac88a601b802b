import { useId } from 'react';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { nameOf } from '../../store/mirror-read.js';

interface NewMasterChoiceProps {
  readonly master: XapiRecord<'host'>;
  readonly candidates: readonly XapiRecord<'host'>[];
  /** The chosen new master, or null to leave the master as it is. */
  readonly value: string | null;
  onChange(hostId: string | null): void;
  readonly disabled?: boolean;
  /** What happens to the master ("reboots", "shuts down", "enters maintenance mode"). */
  readonly what: string;
}

/**
 * Going down with the pool master, as XenCenter says: the pool cannot be managed while its master is away, so the
 * dialog offers to make another server the master first (ticked by default when one can take over).
 */
export function NewMasterChoice({ master, candidates, value, onChange, disabled, what }: NewMasterChoiceProps) {
  const id = useId();
  return (
    <fieldset className="new-master-choice">
      <legend>Pool master</legend>
      <p className="dialog-note">
        {`'${nameOf(master)}' is the pool master. While it ${what}, the pool cannot be managed${candidates.length > 0 ? ' unless another server takes over first.' : ', and no other server can take over now.'}`}
      </p>
      {candidates.length > 0 && (
        <div className="new-master-row">
          <label className="check">
            <input type="checkbox" checked={value !== null} disabled={disabled} onChange={(event) => onChange(event.target.checked ? candidates[0]!.$id : null)} />
            Make another server the master first:
          </label>
          <select id={id} aria-label="New pool master" value={value ?? ''} disabled={disabled || value === null} onChange={(event) => onChange(event.target.value)}>
            {value === null && <option value="">(keep the master)</option>}
            {candidates.map((host) => (
              <option key={host.$id} value={host.$id}>
                {nameOf(host)}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
