import { describe, expect, it } from 'vitest';
import { guestsOn } from './host-power-dialog.js';
import { fixtureMirror as index } from './mirror-fixture.js';
import { masterAmong, masterCandidates } from './new-master.js';

describe('going down with the pool master', () => {
  it('finds the master among the servers going down, and who could take over', () => {
    expect(masterAmong(index, ['h2'])).toBeUndefined();
    const master = masterAmong(index, ['h2', 'h1'])!;
    expect(master.$id).toBe('h1');
    expect(masterCandidates(index, master, ['h1']).map((host) => host.$id)).toEqual(['h2']);
    expect(masterCandidates(index, master, ['h1', 'h2'])).toEqual([]);
  });

  it('lists the VMs running on the servers going down', () => {
    expect(guestsOn(index, ['h1']).map((vm) => vm.name_label)).toContain('db-01');
    expect(guestsOn(index, ['h2']).map((vm) => vm.name_label)).not.toContain('db-01');
  });
});
