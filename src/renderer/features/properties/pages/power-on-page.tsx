import type { PowerOnMode } from '../../../../shared/api/methods/object-properties.js';
import { bmcModes, type HostDraft } from '../draft-host.js';
import { problemOf } from '../properties-draft.js';
import { PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

const modes: readonly { mode: PowerOnMode; label: string }[] = [
  { mode: 'disabled', label: 'Disabled' },
  { mode: 'wake-on-lan', label: 'Wake-on-LAN' },
  { mode: 'iLO', label: 'HP Integrated Lights-Out (iLO)' },
  { mode: 'DRAC', label: 'Dell Remote Access Controller (DRAC)' },
  { mode: 'IPMI', label: 'IPMI' },
];

/**
 * Power On: how Xenith (and XAPI's host.power_on) can start this server remotely; the management controller modes
 * take its address and credentials, the password kept by XAPI as a secret.
 */
export function PowerOnPage({ draft, update, problems, object, saving }: PageProps<HostDraft>) {
  const bmc = bmcModes.has(draft.powerOnMode);
  const hasSecret = 'power_on_config' in object && Boolean(object.power_on_config.power_on_password_secret);
  return (
    <>
      <PageField label="Power-on mode" note="How the pool starts this server when it is off (XAPI's host.power_on): from another server with Wake-on-LAN, or through its management controller.">
        {(ids) => (
          <select id={ids.id} value={draft.powerOnMode} disabled={saving} aria-describedby={ids.describedBy} onChange={(event) => update({ powerOnMode: event.target.value as PowerOnMode })}>
            {modes.map((mode) => (
              <option key={mode.mode} value={mode.mode}>
                {mode.label}
              </option>
            ))}
          </select>
        )}
      </PageField>
      {bmc && (
        <>
          <PageField label="Address" problem={problemOf(problems, 'powerOn', 'powerOnAddress')}>
            {(ids) => <input id={ids.id} value={draft.powerOnAddress} maxLength={255} disabled={saving} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(event) => update({ powerOnAddress: event.target.value })} />}
          </PageField>
          <PageField label="User name">
            {(ids) => <input id={ids.id} value={draft.powerOnUser} maxLength={255} disabled={saving} autoComplete="off" onChange={(event) => update({ powerOnUser: event.target.value })} />}
          </PageField>
          <PageField label="Password" note={hasSecret ? 'Leave empty to keep the password already set.' : undefined}>
            {(ids) => <input id={ids.id} type="password" value={draft.powerOnPassword} maxLength={255} disabled={saving} autoComplete="new-password" aria-describedby={ids.describedBy} onChange={(event) => update({ powerOnPassword: event.target.value })} />}
          </PageField>
        </>
      )}
    </>
  );
}
