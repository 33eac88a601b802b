import { useId } from 'react';
import type { XapiRecord } from '../../../../shared/xapi/objects.js';
import { bootsLikeHvm, type BootDevice, type BootDeviceId, type VmDraft } from '../draft-vm.js';
import { problemOf } from '../properties-draft.js';
import { PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

const deviceNames: Record<BootDeviceId, string> = { c: 'Hard Disk', d: 'DVD-Drive', n: 'Network' };

/** The list with the device at `from` moved by `by` places. */
function moved(devices: readonly BootDevice[], from: number, by: -1 | 1): BootDevice[] {
  const to = from + by;
  if (to < 0 || to >= devices.length) return [...devices];
  const next = [...devices];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** The boot devices, each ticked to boot from and moved up or down, as XenCenter's Boot Options list. */
function BootOrderList({ draft, update, saving, problem }: { draft: VmDraft; update: PageProps<VmDraft>['update']; saving: boolean; problem: string | undefined }) {
  const ids = useId();
  return (
    <fieldset className="boot-order" disabled={saving} aria-describedby={problem ? `${ids}-problem` : undefined}>
      <legend>Boot order</legend>
      <ol className="boot-devices">
        {draft.boot.map((device, position) => (
          <li key={device.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={device.enabled}
                onChange={(event) => update({ boot: draft.boot.map((other) => (other.id === device.id ? { ...other, enabled: event.target.checked } : other)) })}
              />
              {deviceNames[device.id]}
            </label>
            <span className="boot-moves">
              <button type="button" className="small-button" disabled={position === 0} aria-label={`Move ${deviceNames[device.id]} up`} onClick={() => update({ boot: moved(draft.boot, position, -1) })}>
                Up
              </button>
              <button type="button" className="small-button" disabled={position === draft.boot.length - 1} aria-label={`Move ${deviceNames[device.id]} down`} onClick={() => update({ boot: moved(draft.boot, position, 1) })}>
                Down
              </button>
            </span>
          </li>
        ))}
      </ol>
      {problem && (
        <p id={`${ids}-problem`} className="field-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/**
 * Boot Options: for an HVM guest the order of its boot devices and its firmware (BIOS, UEFI, UEFI with Secure
 * Boot: only while it is shut down); for a PV guest its kernel's boot parameters.
 */
export function BootPage({ draft, update, problems, object, saving }: PageProps<VmDraft, XapiRecord<'VM'>>) {
  const halted = object.power_state === 'Halted';
  if (!bootsLikeHvm(object)) {
    return (
      <PageField label="Boot parameters" note="Passed to the guest's kernel at its next start.">
        {(ids) => <textarea id={ids.id} value={draft.pvArgs} rows={3} maxLength={2000} disabled={saving} aria-describedby={ids.describedBy} onChange={(event) => update({ pvArgs: event.target.value })} />}
      </PageField>
    );
  }
  const firmware = draft.firmware === 'bios' ? 'bios' : draft.secureBoot ? 'secure' : 'uefi';
  const choose = (value: string) => update(value === 'bios' ? { firmware: 'bios', secureBoot: false } : { firmware: 'uefi', secureBoot: value === 'secure' });
  return (
    <>
      <BootOrderList draft={draft} update={update} saving={saving} problem={problemOf(problems, 'boot', 'boot')} />
      <fieldset disabled={saving || !halted}>
        <legend>Firmware</legend>
        {!halted && <p className="dialog-note">Shut the VM down to change its firmware.</p>}
        {[
          ['bios', 'BIOS'],
          ['uefi', 'UEFI'],
          ['secure', 'UEFI with Secure Boot'],
        ].map(([value, label]) => (
          <label key={value} className="check">
            <input type="radio" name={`firmware-${object.$id}`} checked={firmware === value} onChange={() => choose(value!)} />
            {label}
          </label>
        ))}
      </fieldset>
    </>
  );
}
