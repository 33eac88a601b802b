import { useMemo } from 'react';
import { GiB, MiB } from '../byte-units.js';
import { defaultDiskSr, diskSrsOfPool } from '../../dialogs/pool-resources.js';
import { SrSelect } from '../../dialogs/sr-select.js';
import { cdUserdevice, nextFreeDevice, rowKey, type DiskChoice } from '../new-vm-choices.js';
import { limitsFor } from '../new-vm-validation.js';
import { NumberField } from '../number-field.js';
import type { StepProps } from './step-props.js';

/** Size of a disk added by hand, as XenCenter proposes. */
const newDiskBytes = 10 * GiB;

/** Storage: the template's disks, resizable, each on a chosen SR; disks can be added and removed. */
export function StorageStep({ choices, mirror, problems, update }: StepProps) {
  const srChoices = useMemo(() => diskSrsOfPool(mirror, choices.poolId), [mirror, choices.poolId]);
  const limits = useMemo(() => limitsFor(mirror, choices), [mirror, choices]);
  const maxDisks = limits?.maxDisks ?? 0;
  const freeDevice = nextFreeDevice(
    choices.disks.map((disk) => disk.userdevice),
    16,
    choices.disks.some((disk) => disk.userdevice === cdUserdevice) ? [] : [cdUserdevice],
  );
  const canAdd = choices.disks.length < maxDisks && freeDevice !== null;

  const changeDisk = (key: string, change: Partial<DiskChoice>) =>
    update((current) => ({ ...current, disks: current.disks.map((disk) => (disk.key === key ? { ...disk, ...change } : disk)) }));
  const addDisk = () =>
    update((current) => ({
      ...current,
      disks: [...current.disks, { key: rowKey('disk'), userdevice: freeDevice!, sizeBytes: newDiskBytes, srId: defaultDiskSr(mirror, current.poolId, srChoices) }],
    }));
  const removeDisk = (key: string) => update((current) => ({ ...current, disks: current.disks.filter((disk) => disk.key !== key) }));

  return (
    <div className="storage-step">
      {choices.disks.length === 0 && <p className="dialog-note">No disks: the VM will boot from its installation media or the network only.</p>}
      <ul className="row-list">
        {choices.disks.map((disk) => (
          <li key={disk.key} className="device-row" aria-label={`Disk ${disk.userdevice}`}>
            <span className="device-name">Disk {disk.userdevice}</span>
            <NumberField
              label={`Size of disk ${disk.userdevice}:`}
              problem={problems.get(`disk-size:${disk.key}`)}
              unit="GiB"
              value={Number.isFinite(disk.sizeBytes) ? Math.round((disk.sizeBytes / GiB) * 1000) / 1000 : Number.NaN}
              min={0}
              step="any"
              onValue={(gib) => changeDisk(disk.key, { sizeBytes: Math.round(gib * 1024) * MiB })}
            />
            <SrSelect
              label={`SR of disk ${disk.userdevice}:`}
              problem={problems.get(`disk-sr:${disk.key}`)}
              value={disk.srId ?? ''}
              choices={srChoices}
              onChange={(srId) => changeDisk(disk.key, { srId })}
              extra={disk.srId === null ? { value: '', label: '(choose an SR)' } : undefined}
            />
            <button type="button" className="small-button" onClick={() => removeDisk(disk.key)} aria-label={`Remove disk ${disk.userdevice}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {problems.get('disks') && <p className="field-problem">{problems.get('disks')}</p>}
      <button type="button" className="small-button" onClick={addDisk} disabled={!canAdd}>
        Add Disk
      </button>
    </div>
  );
}
