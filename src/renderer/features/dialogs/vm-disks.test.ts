import { describe, expect, it } from 'vitest';
import { fixtureMirror as index } from './mirror-fixture.js';
import { defaultDeleteChoice, disksOfVm, snapshotsOfVm } from './vm-disks.js';

describe('disks and snapshots of a VM', () => {
  it('lists disks in device order with size and SR, marking the ones other VMs use, and no CD drive', () => {
    expect(disksOfVm(index, 'vm-web')).toEqual([
      { vdiId: 'vdi-web-root', name: 'web-01 root', sizeBytes: 10 * 1024 ** 3, srName: 'Local storage', sharedWith: [] },
      { vdiId: 'vdi-shared', name: 'shared data', sizeBytes: 50 * 1024 ** 3, srName: 'NFS storage', sharedWith: ['db-01'] },
    ]);
    expect(disksOfVm(index, 'missing')).toEqual([]);
  });

  it('lists snapshots and checks every unshared disk and every snapshot by default', () => {
    const snapshots = snapshotsOfVm(index, 'vm-web');
    expect(snapshots).toEqual([{ id: 'snap-web', name: 'before upgrade' }]);
    const choice = defaultDeleteChoice(disksOfVm(index, 'vm-web'), snapshots);
    expect([...choice.vdiIds]).toEqual(['vdi-web-root']);
    expect([...choice.snapshotIds]).toEqual(['snap-web']);
  });
});
