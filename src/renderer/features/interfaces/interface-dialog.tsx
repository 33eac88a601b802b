import { useId, useMemo, useState } from 'react';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { nameOf } from '../../store/mirror-read.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { guestNetworksOfPool } from '../dialogs/pool-resources.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { NumberField } from '../new-vm/number-field.js';

const MAC = /^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/;

/**
 * XenCenter's Add Interface / interface Properties: the network, the MAC (made by the pool, or typed), and an
 * optional QoS limit in kB/s. Adding activates it at once in a running VM; a new MAC recreates the interface.
 */
export function InterfaceDialog({ vmId, vifId, onClose }: { vmId: string; vifId?: string | undefined; onClose(): void }) {
  const ids = useId();
  const mirror = useMirror();
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const vif = useObjectsStore(selectObject(vifId ?? '', 'VIF'));
  const networks = useMemo(() => (vm ? guestNetworksOfPool(mirror, vm.$pool) : []), [mirror, vm]);
  const currentKbps = vif?.qos_algorithm_type === 'ratelimit' ? Number(vif.qos_algorithm_params.kbps) || 0 : 0;
  const [networkId, setNetworkId] = useState(() => vif?.network ?? networks[0]?.$id ?? '');
  const [manualMac, setManualMac] = useState(false);
  const [mac, setMac] = useState(() => vif?.MAC ?? '');
  const [limited, setLimited] = useState(currentKbps > 0);
  const [kbps, setKbps] = useState(currentKbps || 1000);
  const { busy, error, call } = useDialogCall();
  const editing = vifId !== undefined;
  const macProblem = manualMac && !MAC.test(mac.trim()) ? 'Write the MAC as aa:bb:cc:dd:ee:ff' : undefined;
  const kbpsProblem = limited && (!Number.isInteger(kbps) || kbps < 1) ? 'Enter a whole number of kB/s' : undefined;
  const blockedBy = !vm || (editing && !vif) ? 'It is gone' : networkId === '' ? 'Choose a network' : macProblem ?? kbpsProblem ?? null;
  const submit = async () => {
    const macInput = manualMac ? { mac: mac.trim().toLowerCase() } : {};
    const output = editing
      ? await call('vif.edit', { vifId: vifId!, networkId, ...macInput, kbps: limited ? kbps : null })
      : await call('vif.create', { vmId, networkId, ...macInput, ...(limited ? { kbps } : {}) });
    if (output) onClose();
  };
  return (
    <DialogFrame
      title={editing ? `Interface ${vif?.device ?? ''} Properties` : 'Add Interface'}
      intro={editing ? undefined : `A virtual network interface for '${nameOf(vm)}'${vm?.power_state === 'Running' ? ', activated at once' : ''}.`}
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel={editing ? 'OK' : 'Add'}
      busyLabel={editing ? 'Saving…' : 'Adding…'}
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <div className="field">
        <label htmlFor={`${ids}-network`}>Network:</label>
        <select id={`${ids}-network`} value={networkId} disabled={busy} data-autofocus onChange={(event) => setNetworkId(event.target.value)}>
          {networks.map((network) => (
            <option key={network.$id} value={network.$id}>
              {nameOf(network)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>MAC address</legend>
        <label className="check">
          <input type="radio" name={`${ids}-mac`} checked={!manualMac} disabled={busy} onChange={() => setManualMac(false)} /> {editing ? `Keep ${vif?.MAC ?? 'it'}` : 'Autogenerate a MAC address'}
        </label>
        <label className="check">
          <input type="radio" name={`${ids}-mac`} checked={manualMac} disabled={busy} onChange={() => setManualMac(true)} /> Use this MAC address:
        </label>
        {manualMac && (
          <div className="field indented">
            <label htmlFor={`${ids}-mac-text`} className="visually-hidden">MAC address</label>
            <input id={`${ids}-mac-text`} value={mac} disabled={busy} spellCheck={false} autoComplete="off" placeholder="aa:bb:cc:dd:ee:ff" onChange={(event) => setMac(event.target.value)} aria-invalid={macProblem ? true : undefined} />
          </div>
        )}
        {macProblem && <span className="field-problem">{macProblem}</span>}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={limited} disabled={busy} onChange={(event) => setLimited(event.target.checked)} /> Enable QoS limit
      </label>
      {limited && <NumberField label="Limit:" value={kbps} onValue={setKbps} min={1} step={1} unit="kB/s" disabled={busy} problem={kbpsProblem} />}
    </DialogFrame>
  );
}
