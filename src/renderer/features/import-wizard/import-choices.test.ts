import { describe, expect, it } from 'vitest';
import type { ImportDescription } from '../../../shared/api/methods/files.js';
import { fixtureMirror as mirror } from '../dialogs/mirror-fixture.js';
import { choicesForPool, importSteps, initialChoices, stepProblem, stepTitle, type ImportChoices } from './import-choices.js';
import { describeImport } from './import-steps.js';

const MiB = 1024 * 1024;

const xva: ImportDescription = {
  format: 'xva', compression: 'zstd', name: 'web-01', description: '',
  vm: { vcpus: 2, memoryBytes: 1024 * MiB, firmware: 'bios' },
  disks: [{ id: '0', label: 'root', capacityBytes: 10 * MiB, format: 'xva' }],
  nics: [{ id: '0', networkName: 'Pool-wide network associated with eth1', mac: '' }, { id: '1', networkName: 'Elsewhere', mac: '' }],
  missingFiles: [],
};

const disk: ImportDescription = { format: 'disk', compression: 'none', name: 'data', description: 'dynamic VHD', vm: null, disks: [{ id: '0', label: 'data', capacityBytes: 20 * MiB, format: 'vhd' }], nics: [], missingFiles: [] };

function chosen(description: ImportDescription): ImportChoices {
  const picked = { ...initialChoices('p1'), file: { kind: 'handle' as const, handle: 'h'.repeat(32), name: 'web-01.xva.zst' }, description };
  return choicesForPool(mirror, picked, 'p1');
}

describe('the Import wizard choices', () => {
  it('has XenCenter\'s steps: a VM gets Home Server and Networking, a disk image gets Location and no networks', () => {
    const vm = chosen(xva);
    expect(importSteps(vm).map((step) => stepTitle(step, vm))).toEqual(['Import Source', 'Home Server', 'Storage', 'Networking', 'Finish']);
    const image = chosen(disk);
    expect(importSteps(image).map((step) => stepTitle(step, image))).toEqual(['Import Source', 'Location', 'Storage', 'Finish']);
  });

  it('puts each interface on the network of the same name, else the first, and the disks on the default SR', () => {
    const vm = chosen(xva);
    expect(vm.networks).toEqual({ '0': 'net-1', '1': 'net-0' });
    expect(vm.srId).toBe('sr-nfs');
    expect(importSteps(vm).map((step) => stepProblem(mirror, vm, step, false))).toEqual([null, null, null, null, null]);
  });

  it('says what each step lacks', () => {
    expect(stepProblem(mirror, initialChoices('p1'), 'source', false)).toBe('Choose a file to import');
    const ovf = chosen({ ...xva, format: 'ovf', missingFiles: ['disk1.vmdk'] });
    expect(stepProblem(mirror, ovf, 'source', true)).toMatch(/OVA/);
    expect(stepProblem(mirror, ovf, 'source', false)).toMatch(/disk1\.vmdk/);
    expect(stepProblem(mirror, { ...chosen(xva), poolId: 'nowhere' }, 'location', false)).toBe('Choose the pool to import into');
    expect(stepProblem(mirror, { ...chosen(xva), srId: 'sr-iso' }, 'storage', false)).toBe('Choose a storage repository');
    expect(stepProblem(mirror, { ...chosen(xva), networks: { '0': 'net-0' } }, 'networking', false)).toBe('Choose a network for interface 1');
  });

  it('describes what the file holds in a sentence', () => {
    expect(describeImport(xva)).toBe("An XVA (zstd-compressed) of 'web-01': 2 vCPUs, 1.0 GiB of memory, 1 disk, 2 network interfaces.");
    expect(describeImport(disk)).toBe('A disk image (dynamic VHD) of 20.0 MiB.');
  });
});
