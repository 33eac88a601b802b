import type { XapiRecord } from '../../../../shared/xapi/objects.js';
import { objectsOfType } from '../../../store/mirror-read.js';
import type { VmDraft } from '../draft-vm.js';
import type { PageProps } from '../page-props.js';

/** Start Options: whether the VM starts with its server (other_config auto_poweron, which the pool must allow too). */
export function StartPage({ draft, update, index, object, saving }: PageProps<VmDraft, XapiRecord<'VM'>>) {
  const pool = objectsOfType(index, 'pool', object.$pool)[0];
  const poolAllows = pool?.other_config.auto_poweron === 'true';
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={draft.autoPowerOn} disabled={saving} onChange={(event) => update({ autoPowerOn: event.target.checked })} />
        Start this VM automatically when its server starts
      </label>
      {draft.autoPowerOn && !poolAllows && (
        <p className="dialog-note" role="note">
          The pool does not start VMs automatically yet (its other_config auto_poweron is not true), so this takes effect once the pool allows it.
        </p>
      )}
    </>
  );
}
