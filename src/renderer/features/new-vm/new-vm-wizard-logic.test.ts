import { describe, expect, it } from 'vitest';
import { fixtureMirror as index } from '../dialogs/mirror-fixture.js';
import { nextFreeDevice, type NewVmChoices } from './new-vm-choices.js';
import { chooseTemplate, emptyChoices } from './new-vm-defaults.js';
import { createRequest, summaryRows } from './new-vm-request.js';
import { stepProblem } from './new-vm-validation.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function debianChoices(): NewVmChoices {
  return chooseTemplate(index, emptyChoices('p1'), 'tpl-debian');
}

describe('template defaults', () => {
  it('takes a default template’s name, sizing, provisioned disk on the default SR and one VIF on the first network', () => {
    const choices = debianChoices();
    expect(choices).toMatchObject({ templateId: 'tpl-debian', name: 'Debian Bookworm 12', vcpus: 1, memoryBytes: 2 * GiB, dynamicMinBytes: 2 * GiB });
    expect(choices.disks.map(({ userdevice, sizeBytes, srId }) => ({ userdevice, sizeBytes, srId }))).toEqual([{ userdevice: '0', sizeBytes: 10 * GiB, srId: 'sr-nfs' }]);
    expect(choices.networks.map(({ device, networkId }) => ({ device, networkId }))).toEqual([{ device: '0', networkId: 'net-0' }]);
  });

  it('takes a custom template’s own disks and VIFs, and keeps a name the user typed', () => {
    const typed = { ...emptyChoices('p1'), name: 'my web', nameEdited: true };
    const choices = chooseTemplate(index, typed, 'tpl-custom');
    expect(choices).toMatchObject({ name: 'my web', vcpus: 2, memoryBytes: 4 * GiB, dynamicMinBytes: 2 * GiB });
    expect(choices.disks.map(({ userdevice, sizeBytes, srId }) => ({ userdevice, sizeBytes, srId }))).toEqual([{ userdevice: '0', sizeBytes: 20 * GiB, srId: 'sr-nfs' }]);
    expect(choices.networks.map(({ device, networkId }) => ({ device, networkId }))).toEqual([{ device: '0', networkId: 'net-1' }]);
  });

  it('finds the next free device, skipping the CD drive’s slot', () => {
    expect(nextFreeDevice(['0', '1', '2'], 16, ['3'])).toBe('4');
    expect(nextFreeDevice(['1'], 7)).toBe('0');
    expect(nextFreeDevice(['0', '1'], 2)).toBeNull();
  });
});

describe('step problems', () => {
  it('asks for a template first, then a name', () => {
    const empty = emptyChoices('p1');
    expect(stepProblem(index, empty, 'template')).toBe('Choose a template');
    expect(stepProblem(index, empty, 'finish')).toBe('Choose a template');
    const named = { ...debianChoices(), name: '  ' };
    expect(stepProblem(index, named, 'template')).toBeNull();
    expect(stepProblem(index, named, 'name')).toBe('Enter a name for the new VM');
  });

  it('keeps vCPUs and memory within the template’s limits', () => {
    const choices = debianChoices();
    expect(stepProblem(index, choices, 'cpuMemory')).toBeNull();
    expect(stepProblem(index, { ...choices, vcpus: 33 }, 'cpuMemory')).toBe('Choose between 1 and 32 vCPUs');
    expect(stepProblem(index, { ...choices, memoryBytes: 256 * MiB, dynamicMinBytes: 256 * MiB }, 'cpuMemory')).toBe('Choose memory between 512.0 MiB and 1.5 TiB');
    expect(stepProblem(index, { ...choices, memoryBytes: Number.NaN }, 'cpuMemory')).toMatch(/^Choose memory between/);
    expect(stepProblem(index, { ...choices, dynamicMinBytes: 3 * GiB }, 'cpuMemory')).toBe('The dynamic minimum must be between 512.0 MiB and the memory (2.0 GiB)');
  });

  it('checks disk sizes, SRs, free space and local storage reach', () => {
    const choices = debianChoices();
    const disk = choices.disks[0]!;
    expect(stepProblem(index, choices, 'storage')).toBeNull();
    expect(stepProblem(index, { ...choices, disks: [{ ...disk, sizeBytes: 0 }] }, 'storage')).toBe('Enter a size for disk 0');
    expect(stepProblem(index, { ...choices, disks: [{ ...disk, srId: 'sr-iso' }] }, 'storage')).toBe('Choose an SR for disk 0');
    expect(stepProblem(index, { ...choices, disks: [{ ...disk, srId: 'sr-local-1', sizeBytes: 1500 * GiB }] }, 'storage')).toBe(
      'Local storage has 1000.0 GiB free; these disks need 1.5 TiB',
    );
    const twoLocals = [{ ...disk, srId: 'sr-local-1' }, { ...disk, key: 'other', userdevice: '1', srId: 'sr-local-2' }];
    expect(stepProblem(index, { ...choices, disks: twoLocals }, 'storage')).toBe('Disks on the local storage of different servers: no server could run this VM');
    expect(stepProblem(index, { ...choices, homeHostId: 'h2', disks: [{ ...disk, srId: 'sr-local-1' }] }, 'storage')).toBe(
      'The home server host-2 cannot reach the local storage of host-1',
    );
  });

  it('wants a guest network on every interface', () => {
    const choices = debianChoices();
    const vif = choices.networks[0]!;
    expect(stepProblem(index, choices, 'networking')).toBeNull();
    expect(stepProblem(index, { ...choices, networks: [{ ...vif, networkId: 'net-internal' }] }, 'networking')).toBe('Choose a network for interface 0');
  });
});

describe('the request and the summary', () => {
  it('builds a vm.create input the contract accepts', () => {
    const choices = { ...debianChoices(), name: ' web-02 ', description: 'front end', isoVdiId: 'iso-debian', homeHostId: 'h2', vcpus: 2, memoryBytes: 4 * GiB, dynamicMinBytes: GiB };
    const request = createRequest(choices);
    expect(request).toEqual({
      ok: true,
      input: {
        poolId: 'p1',
        templateId: 'tpl-debian',
        name: 'web-02',
        description: 'front end',
        isoVdiId: 'iso-debian',
        homeHostId: 'h2',
        vcpus: 2,
        memory: { staticMax: 4 * GiB, dynamicMin: GiB, dynamicMax: 4 * GiB },
        disks: [{ userdevice: '0', sizeBytes: 10 * GiB, srId: 'sr-nfs', name: '' }],
        networks: [{ device: '0', networkId: 'net-0' }],
        start: true,
      },
    });
  });

  it('refuses, with a validation error, what the contract would refuse', () => {
    const request = createRequest({ ...debianChoices(), memoryBytes: GiB, dynamicMinBytes: 2 * GiB });
    expect(request.ok).toBe(false);
    if (!request.ok) expect(request.error.code).toBe('VALIDATION');
  });

  it('summarises every choice', () => {
    const rows = summaryRows(index, { ...debianChoices(), isoVdiId: 'iso-alpine', dynamicMinBytes: GiB });
    expect(rows).toEqual([
      { label: 'Template', value: 'Debian Bookworm 12' },
      { label: 'Name', value: 'Debian Bookworm 12' },
      { label: 'Description', value: '(none)' },
      { label: 'Installation media', value: 'alpine.iso' },
      { label: 'Home server', value: 'None (the pool chooses)' },
      { label: 'vCPUs', value: '1' },
      { label: 'Memory', value: '2.0 GiB (dynamic minimum 1.0 GiB)' },
      { label: 'Disk 0', value: '10.0 GiB on NFS storage' },
      { label: 'Interface 0', value: 'Pool-wide network associated with eth0' },
    ]);
  });
});
