import { nullRef, type XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';

/** A VM's DVD drive as the Console tab's selector shows it. */
export interface DvdDrive {
  /** The CD VBD, or null when the VM has none (choosing an ISO then adds one). */
  readonly vbdId: string | null;
  /** The ISO in it, or null when it is empty. */
  readonly isoId: string | null;
  /** An insert or eject is running on the drive. */
  readonly busy: boolean;
}

/** The VM's first DVD drive (XenCenter shows "DVD Drive 1"), by device number. */
export function dvdDriveOf(index: ObjectIndex, vm: XapiRecord<'VM'>): DvdDrive {
  const drives = objectsOfType(index, 'VBD', vm.$pool)
    .filter((vbd) => vbd.VM === vm.$id && vbd.type === 'CD')
    .sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
  const drive = drives[0];
  if (!drive) return { vbdId: null, isoId: null, busy: false };
  const isoId = drive.empty || drive.VDI === nullRef ? null : drive.VDI;
  return { vbdId: drive.$id, isoId, busy: Object.keys(drive.current_operations).length > 0 };
}
