import { useId, useMemo, useState } from 'react';
import type { IpSettings } from '../../../shared/api/methods/network.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { follow, followAll, nameOf } from '../../store/mirror-read.js';
import { poolObjectOf } from '../details/details-subject.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { FieldProblemText, invalidProps } from '../new-vm/field-problem.js';
import { compareNames } from '../tree/name-order.js';
import { ipFormChanged, ipFormOf, ipFormProblems, ipSettingsOf, type IpForm } from './ip-settings.js';

/** The IP settings fields: DHCP, static (address, netmask, gateway, DNS) and, where allowed, none. */
function IpFields({ form, onChange, allowNone, disabled }: { form: IpForm; onChange(form: IpForm): void; allowNone: boolean; disabled: boolean }) {
  const ids = useId();
  const problems = ipFormProblems(form);
  const modes = allowNone ? (['DHCP', 'Static', 'None'] as const) : (['DHCP', 'Static'] as const);
  const modeText = { DHCP: 'Get an address automatically (DHCP)', Static: 'Use these settings:', None: 'No IP address (the interface carries no IP traffic)' };
  const text = (field: 'ip' | 'netmask' | 'gateway' | 'dns', label: string) => (
    <div className="field indented" key={field}>
      <label htmlFor={`${ids}-${field}`}>{label}</label>
      <input id={`${ids}-${field}`} value={form[field]} disabled={disabled || form.mode !== 'Static'} spellCheck={false} autoComplete="off" {...invalidProps(`${ids}-${field}-problem`, problems[field])} onChange={(event) => onChange({ ...form, [field]: event.target.value })} />
      <FieldProblemText id={`${ids}-${field}-problem`} problem={problems[field]} />
    </div>
  );
  return (
    <fieldset>
      <legend>IP address</legend>
      {modes.map((mode) => (
        <label key={mode} className="check">
          <input type="radio" name={`${ids}-mode`} checked={form.mode === mode} disabled={disabled} onChange={() => onChange({ ...form, mode })} /> {modeText[mode]}
        </label>
      ))}
      {text('ip', 'IP address:')}
      {text('netmask', 'Subnet mask:')}
      {text('gateway', 'Gateway:')}
      {text('dns', 'DNS servers:')}
    </fieldset>
  );
}

/** The server's interfaces that can carry an address: not bond members. */
function addressable(pifs: readonly XapiRecord<'PIF'>[], index: ReturnType<typeof useMirror>): XapiRecord<'PIF'>[] {
  return pifs.filter((pif) => follow(index, pif.bond_slave_of) === undefined).sort((a, b) => compareNames(a.device, b.device));
}

const pifLabel = (pif: XapiRecord<'PIF'>) => (pif.VLAN >= 0 ? `${pif.device} (VLAN ${pif.VLAN})` : pif.device);

/**
 * Management interface (Configure… on a server's Networking tab): the NIC and IP settings the server is managed
 * through. Xenith waits for the server on its new address and puts it back as it was when it does not answer.
 */
export function ManagementInterfaceDialog({ hostId, onClose }: { hostId: string; onClose(): void }) {
  const ids = useId();
  const mirror = useMirror();
  const host = useObjectsStore(selectObject(hostId, 'host'));
  const pifs = useMemo(() => (host ? addressable(followAll(mirror, host.PIFs), mirror) : []), [mirror, host]);
  const current = pifs.find((pif) => pif.management);
  const [pifId, setPifId] = useState(() => current?.$id ?? '');
  const chosen = pifs.find((pif) => pif.$id === pifId);
  const [form, setForm] = useState<IpForm>(() => ipFormOf(current));
  const isMaster = host !== undefined && poolObjectOf(mirror, host.$pool)?.master === host.$id;
  const { busy, error, call } = useDialogCall();
  const changed = pifId !== current?.$id || ipFormChanged(form, chosen);
  const blockedBy = !host ? 'The server is gone' : !chosen ? 'Choose an interface' : Object.values(ipFormProblems(form))[0] ?? (changed ? null : 'Nothing changed');
  const submit = async () => {
    if (await call('host.configureManagement', { pifId, ip: ipSettingsOf(form) as IpSettings, timeoutSeconds: 60 })) onClose();
  };
  return (
    <DialogFrame
      title="Management Interface"
      intro={`The interface '${nameOf(host)}' is managed through. If the server does not answer on the new address within a minute, Xenith puts it back as it was.`}
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="OK"
      busyLabel="Applying…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <div className="field">
        <label htmlFor={`${ids}-nic`}>Interface:</label>
        <select id={`${ids}-nic`} value={pifId} disabled={busy} data-autofocus onChange={(event) => {
          setPifId(event.target.value);
          const next = pifs.find((pif) => pif.$id === event.target.value);
          setForm(next && next.ip_configuration_mode !== 'None' ? ipFormOf(next) : { ...form, mode: form.mode === 'None' ? 'DHCP' : form.mode });
        }}>
          {pifs.map((pif) => (
            <option key={pif.$id} value={pif.$id}>
              {pifLabel(pif)}
              {pif.management ? ' (management)' : ''}
            </option>
          ))}
        </select>
      </div>
      <IpFields form={form} onChange={setForm} allowNone={false} disabled={busy} />
      {isMaster && changed && (
        <p className="dialog-warning" role="alert">
          This is the pool master: Xenith loses the pool for a moment and reconnects on the new address. If the master never answers there, it has to be put back at its console; Xenith says how.
        </p>
      )}
    </DialogFrame>
  );
}

/** A secondary interface (storage traffic…): an address on a NIC that is not the management interface, or none. */
export function SecondaryInterfaceDialog({ hostId, pifId: initial, onClose }: { hostId: string; pifId?: string | undefined; onClose(): void }) {
  const ids = useId();
  const mirror = useMirror();
  const host = useObjectsStore(selectObject(hostId, 'host'));
  const pifs = useMemo(() => (host ? addressable(followAll(mirror, host.PIFs), mirror).filter((pif) => !pif.management) : []), [mirror, host]);
  const [pifId, setPifId] = useState(() => initial ?? pifs.find((pif) => pif.ip_configuration_mode === 'None')?.$id ?? '');
  const chosen = pifs.find((pif) => pif.$id === pifId);
  const [form, setForm] = useState<IpForm>(() => (initial ? ipFormOf(chosen) : { mode: 'Static', ip: '', netmask: '255.255.255.0', gateway: '', dns: '' }));
  const [purpose, setPurpose] = useState(() => chosen?.other_config.management_purpose ?? 'Storage');
  const { busy, error, call } = useDialogCall();
  const blockedBy = !host ? 'The server is gone' : !chosen ? 'Choose an interface' : Object.values(ipFormProblems(form))[0] ?? null;
  const submit = async () => {
    if (await call('pif.configureIp', { pifId, ip: ipSettingsOf(form), purpose })) onClose();
  };
  return (
    <DialogFrame title="Storage Interface" intro={`An IP address on another NIC of '${nameOf(host)}', for storage or other traffic.`} onCancel={onClose} onSubmit={() => void submit()} submitLabel="OK" busyLabel="Applying…" busy={busy} blockedBy={blockedBy} error={error}>
      <div className="field">
        <label htmlFor={`${ids}-nic`}>Interface:</label>
        <select id={`${ids}-nic`} value={pifId} disabled={busy || initial !== undefined} data-autofocus onChange={(event) => setPifId(event.target.value)}>
          <option value="">(choose an interface)</option>
          {pifs.map((pif) => (
            <option key={pif.$id} value={pif.$id}>
              {pifLabel(pif)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-purpose`}>Name:</label>
        <input id={`${ids}-purpose`} value={purpose} maxLength={255} disabled={busy} onChange={(event) => setPurpose(event.target.value)} />
      </div>
      <IpFields form={form} onChange={setForm} allowNone disabled={busy} />
    </DialogFrame>
  );
}
