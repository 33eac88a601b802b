import { describe, expect, it } from 'vitest';
import { fixtureMirror as index } from './mirror-fixture.js';
import { defaultDiskSr, diskSrsOfPool, guestNetworksOfPool, hostsOfPool, isoImagesOfPool, largestHostMemory, templatesOfPool } from './pool-resources.js';

describe('pool resources', () => {
  it('lists the pool’s servers by name and knows the biggest one', () => {
    expect(hostsOfPool(index, 'p1').map((host) => host.$id)).toEqual(['h1', 'h2']);
    expect(largestHostMemory(index, 'p1')).toBe(128 * 1024 ** 3);
    expect(largestHostMemory(index, 'p2')).toBeNull();
  });

  it('offers SRs that can hold disks: shared first, local ones with their server, never ISO, DVD or full SRs', () => {
    const choices = diskSrsOfPool(index, 'p1');
    expect(choices.map((choice) => choice.id)).toEqual(['sr-nfs', 'sr-local-1', 'sr-local-2']);
    expect(choices[0]).toMatchObject({ shared: true, hostId: null, label: 'NFS storage (3.0 TiB free)' });
    expect(choices[1]).toMatchObject({ shared: false, hostId: 'h1', label: 'Local storage on host-1 (1000.0 GiB free)' });
    expect(defaultDiskSr(index, 'p1', choices)).toBe('sr-nfs');
    expect(defaultDiskSr(index, 'p1', choices.slice(1))).toBe('sr-local-1');
  });

  it('offers ISO images from ISO SRs, networks guests may use, and templates with the default ones flagged', () => {
    expect(isoImagesOfPool(index, 'p1')).toEqual([
      { id: 'iso-alpine', name: 'alpine.iso', srName: 'ISO library' },
      { id: 'iso-debian', name: 'debian-12.iso', srName: 'ISO library' },
    ]);
    expect(guestNetworksOfPool(index, 'p1').map((network) => network.$id)).toEqual(['net-0', 'net-1']);
    expect(templatesOfPool(index, 'p1').map(({ template, isDefault }) => [template.$id, isDefault])).toEqual([
      ['tpl-debian', true],
      ['tpl-custom', false],
    ]);
  });
});
