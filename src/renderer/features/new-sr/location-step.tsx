import type { SrLocation } from '../../../shared/api/methods/sr.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf } from '../../store/mirror-read.js';
import { hostsOfPool } from '../dialogs/pool-resources.js';
import { formatBytes } from '../details/format.js';
import { locationChanged, locationOf, type NewSrChoices } from './new-sr-choices.js';
import { SelectField, TextField } from './location-fields.js';

export interface LocationStepProps {
  readonly choices: NewSrChoices;
  readonly mirror: ObjectIndex;
  readonly busy: boolean;
  update(change: (choices: NewSrChoices) => NewSrChoices): void;
  /** Probes a (partial) location from the wizard's server: targets, LUNs or exports come back into the choices. */
  scan(location: SrLocation): void;
}

/** Location: where the SR lives, per kind of storage, with the scans that list what there is to choose. */
export function LocationStep(props: LocationStepProps) {
  switch (props.choices.kind) {
    case 'nfs':
      return <NfsLocation {...props} />;
    case 'iscsi':
      return <IscsiLocation {...props} />;
    case 'smb':
    case 'iso-smb':
      return <SmbLocation {...props} />;
    case 'local':
      return <LocalLocation {...props} />;
    case 'iso-nfs':
      return (
        <div className="location-step">
          <TextField label="Location:" value={props.choices.isoNfs.location} placeholder="server:/path" autoFocus disabled={props.busy} onChange={(location) => props.update((c) => locationChanged(c, { isoNfs: { location } }))} />
        </div>
      );
  }
}

function NfsLocation({ choices, busy, update, scan }: LocationStepProps) {
  const { nfs } = choices;
  const set = (change: Partial<NewSrChoices['nfs']>) => update((c) => locationChanged(c, { nfs: { ...c.nfs, ...change } }));
  return (
    <div className="location-step">
      <TextField label="Server:" value={nfs.server} placeholder="nfs.example.com or 10.0.0.5" autoFocus disabled={busy} onChange={(server) => set({ server })} />
      <div className="field-actions">
        <button type="button" className="small-button" disabled={busy || nfs.server.trim() === ''} onClick={() => scan({ type: 'nfs', server: nfs.server.trim() })}>
          Scan
        </button>
      </div>
      {choices.exports.length > 0 && (
        <fieldset>
          <legend>Exports on {nfs.server}</legend>
          {choices.exports.map((path) => (
            <label key={path} className="check">
              <input type="radio" name="nfs-export" checked={nfs.path === path} disabled={busy} onChange={() => set({ path })} /> {path}
            </label>
          ))}
        </fieldset>
      )}
      <TextField label="Path:" value={nfs.path} placeholder="/export/vms" disabled={busy} onChange={(path) => set({ path })} />
      <SelectField label="NFS version:" value={nfs.version} disabled={busy} onChange={(version) => set({ version: version as NewSrChoices['nfs']['version'] })}>
        <option value="">Default</option>
        <option value="3">NFSv3</option>
        <option value="4">NFSv4</option>
        <option value="4.1">NFSv4.1</option>
      </SelectField>
    </div>
  );
}

function IscsiLocation({ choices, busy, update, scan }: LocationStepProps) {
  const { iscsi } = choices;
  const set = (change: Partial<NewSrChoices['iscsi']>) => update((c) => locationChanged(c, { iscsi: { ...c.iscsi, ...change } }));
  const portal = locationOf({ ...choices, iscsi: { ...iscsi, iqn: '', scsiId: '' } });
  return (
    <div className="location-step">
      <TextField label="Target host:" value={iscsi.target} placeholder="10.0.0.20" autoFocus disabled={busy} onChange={(target) => update((c) => ({ ...locationChanged(c, { iscsi: { ...c.iscsi, target, iqn: '', scsiId: '' } }), targets: [], luns: [] }))} />
      <TextField label="Port:" value={iscsi.port} disabled={busy} onChange={(port) => set({ port })} />
      <label className="check">
        <input type="checkbox" checked={iscsi.useChap} disabled={busy} onChange={(event) => set({ useChap: event.target.checked })} /> Use CHAP
      </label>
      {iscsi.useChap && (
        <div className="indented">
          <TextField label="User:" value={iscsi.chapUser} disabled={busy} onChange={(chapUser) => set({ chapUser })} />
          <TextField label="Password:" type="password" value={iscsi.chapPassword} disabled={busy} onChange={(chapPassword) => set({ chapPassword })} />
        </div>
      )}
      <div className="field-actions">
        <button type="button" className="small-button" disabled={busy || iscsi.target.trim() === ''} onClick={() => scan(portal)}>
          Scan Target Host
        </button>
      </div>
      <SelectField
        label="Target IQN:"
        value={iscsi.iqn}
        disabled={busy || choices.targets.length === 0}
        onChange={(iqn) => {
          set({ iqn, scsiId: '' });
          if (iqn !== '') scan(locationOf({ ...choices, iscsi: { ...iscsi, iqn, scsiId: '' } }));
        }}
      >
        <option value="">{choices.targets.length === 0 ? '(scan the target host)' : '(choose a target)'}</option>
        {choices.targets.map((target) => (
          <option key={target.iqn} value={target.iqn}>
            {target.iqn} ({target.address})
          </option>
        ))}
      </SelectField>
      <SelectField label="Target LUN:" value={iscsi.scsiId} disabled={busy || choices.luns.length === 0} onChange={(scsiId) => set({ scsiId })}>
        <option value="">{choices.luns.length === 0 ? '(choose a target first)' : '(choose a LUN)'}</option>
        {choices.luns.map((lun) => (
          <option key={lun.scsiId} value={lun.scsiId}>
            LUN {lun.lunId}: {formatBytes(lun.size)} {lun.vendor} ({lun.scsiId})
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function SmbLocation({ choices, busy, update }: LocationStepProps) {
  const { smb } = choices;
  const set = (change: Partial<NewSrChoices['smb']>) => update((c) => locationChanged(c, { smb: { ...c.smb, ...change } }));
  return (
    <div className="location-step">
      <TextField label="Share:" value={smb.share} placeholder="\\server\share" autoFocus disabled={busy} onChange={(share) => set({ share })} />
      <TextField label="User name:" value={smb.user} disabled={busy} onChange={(user) => set({ user })} />
      <TextField label="Password:" type="password" value={smb.password} disabled={busy} onChange={(password) => set({ password })} />
      <p className="dialog-note">The password is kept by the pool as a secret, not by Xenith.</p>
    </div>
  );
}

function LocalLocation({ choices, mirror, busy, update }: LocationStepProps) {
  const hosts = hostsOfPool(mirror, choices.poolId);
  return (
    <div className="location-step">
      <SelectField label="Server:" value={choices.hostId} disabled={busy} onChange={(hostId) => update((c) => locationChanged(c, { hostId }))}>
        {hosts.map((host) => (
          <option key={host.$id} value={host.$id}>
            {nameOf(host)}
          </option>
        ))}
      </SelectField>
      <TextField label="Disk:" value={choices.local.device} placeholder="/dev/sdb" autoFocus disabled={busy} onChange={(device) => update((c) => locationChanged(c, { local: { ...c.local, device } }))} />
      <SelectField label="Format:" value={choices.local.format} disabled={busy} onChange={(format) => update((c) => locationChanged(c, { local: { ...c.local, format: format as 'ext' | 'lvm' } }))}>
        <option value="ext">EXT (thin provisioning)</option>
        <option value="lvm">LVM (thick provisioning)</option>
      </SelectField>
    </div>
  );
}
