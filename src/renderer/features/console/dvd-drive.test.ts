import { describe, expect, it } from 'vitest';
import { objectOf } from '../../store/mirror-read.js';
import { testRecord } from '../../testing/test-record.js';
import { mirrorOf, samplePool } from '../details/test-mirror.js';
import { dvdDriveOf } from './dvd-drive.js';

describe("a VM's DVD drive", () => {
  it('is its CD drive with the ISO in it, or empty, or missing', () => {
    const index = mirrorOf(samplePool());
    expect(dvdDriveOf(index, objectOf(index, 'VM', 'vm1')!)).toEqual({ vbdId: 'vbd-cd', isoId: 'iso1', busy: false });
    expect(dvdDriveOf(index, objectOf(index, 'VM', 'vm2')!)).toEqual({ vbdId: null, isoId: null, busy: false });
    const ejecting = mirrorOf([
      ...samplePool().filter((object) => object.$id !== 'vbd-cd'),
      testRecord('VBD', 'vbd-cd', { VM: 'vm1', VDI: 'OpaqueRef:NULL', type: 'CD', userdevice: '3', empty: true, current_operations: { t: 'insert' } }),
    ]);
    expect(dvdDriveOf(ejecting, objectOf(ejecting, 'VM', 'vm1')!)).toEqual({ vbdId: 'vbd-cd', isoId: null, busy: true });
  });
});
