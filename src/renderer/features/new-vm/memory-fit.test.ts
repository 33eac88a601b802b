import { describe, expect, it } from 'vitest';
import { fixtureMirror as index } from '../dialogs/mirror-fixture.js';
import { chooseTemplate, emptyChoices } from './new-vm-defaults.js';
import { memoryWarning, roomiestHost } from './memory-fit.js';
import { stepProblems } from './new-vm-validation.js';

const GiB = 1024 ** 3;
const debian = () => chooseTemplate(index, emptyChoices('p1'), 'tpl-debian');

describe('memory the new VM asks for', () => {
  it('finds the server with the most free memory', () => {
    expect(roomiestHost(index, 'p1')).toMatchObject({ host: { $id: 'h2' }, free: 128 * GiB });
  });

  it('warns when no server has it free, and when the home server does not', () => {
    expect(memoryWarning(index, { ...debian(), memoryBytes: 4 * GiB })).toBeNull();
    expect(memoryWarning(index, { ...debian(), memoryBytes: 200 * GiB })).toBe(
      'No server of this pool has 200.0 GiB free now (the most is 128.0 GiB, on host-2). The VM can be created, but it will not start until memory is freed.',
    );
    expect(memoryWarning(index, { ...debian(), memoryBytes: 100 * GiB, homeHostId: 'h1' })).toMatch(/^The home server host-1 has 64\.0 GiB free; this VM needs 100\.0 GiB\./);
    expect(memoryWarning(index, { ...debian(), memoryBytes: 100 * GiB, homeHostId: 'h2' })).toBeNull();
  });
});

describe('wizard validation', () => {
  it('marks every invalid field of a step at once, each with its own sentence', () => {
    const choices = { ...debian(), vcpus: 0, memoryBytes: Number.NaN, dynamicMinBytes: 1 };
    expect(stepProblems(index, choices, 'cpuMemory')).toEqual([
      { field: 'vcpus', message: 'Choose between 1 and 32 vCPUs' },
      { field: 'memory', message: 'Choose memory between 512.0 MiB and 1.5 TiB' },
      { field: 'dynamicMin', message: 'The dynamic minimum must be between 512.0 MiB and the memory' },
    ]);
    const disk = choices.disks[0]!;
    const storage = stepProblems(index, { ...choices, disks: [{ ...disk, sizeBytes: 0, srId: null }, { ...disk, key: 'second', userdevice: '1', srId: null }] }, 'storage');
    expect(storage.map((problem) => problem.field)).toEqual([`disk-size:${disk.key}`, `disk-sr:${disk.key}`, 'disk-sr:second']);
  });
});
