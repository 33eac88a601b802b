import { describe, expect, it } from 'vitest';
import { obj } from './mirror-fixture.js';
import { hostOptions, preselectedHost, type Placement } from './host-placement.js';

const hosts = [obj('host', 'h1', { name_label: 'host-1' }), obj('host', 'h2', { name_label: 'host-2' }), obj('host', 'h3', { name_label: 'host-3' })];
const web = obj('VM', 'web', { name_label: 'web-01', resident_on: 'h1', power_state: 'Running' });
const db = obj('VM', 'db', { name_label: 'db-01', resident_on: 'h2', power_state: 'Running' });
const noMemory = { code: 'HOST_NOT_ENOUGH_FREE_MEMORY', message: 'The server does not have enough free memory.' };
const placement = (entries: [string, boolean][]): Placement => entries.map(([hostId, canRun]) => ({ hostId, canRun, reason: canRun ? null : noMemory }));

describe('hostOptions', () => {
  it('marks the current server, the ones that can take the VM, and why the others cannot', () => {
    const options = hostOptions(hosts, [web], new Map([['web', placement([['h1', true], ['h2', true], ['h3', false]])]]), true);
    expect(options).toEqual([
      { hostId: 'h1', name: 'host-1', canTake: false, reason: null, current: true },
      { hostId: 'h2', name: 'host-2', canTake: true, reason: null, current: false },
      { hostId: 'h3', name: 'host-3', canTake: false, reason: noMemory, current: false },
    ]);
    expect(preselectedHost(options, undefined)).toBe('h2');
    expect(preselectedHost(options, 'h3')).toBeNull();
  });

  it('for several VMs, a server must take each VM not already on it, and the reason names the VM', () => {
    const placements = new Map([
      ['web', placement([['h1', true], ['h2', true], ['h3', true]])],
      ['db', placement([['h1', false], ['h2', true], ['h3', true]])],
    ]);
    const options = hostOptions(hosts, [web, db], placements, true);
    expect(options.map((option) => [option.hostId, option.canTake, option.reason?.message ?? null])).toEqual([
      ['h1', false, 'db-01: The server does not have enough free memory.'],
      ['h2', true, null],
      ['h3', true, null],
    ]);
    expect(preselectedHost(options, 'h3')).toBe('h3');
  });

  it('does not treat the current server specially when starting, and says so when a server was not checked', () => {
    const halted = obj('VM', 'web', { name_label: 'web-01', resident_on: 'OpaqueRef:NULL', power_state: 'Halted' });
    const options = hostOptions(hosts, [halted], new Map([['web', placement([['h1', true]])]]), false);
    expect(options.map((option) => [option.canTake, option.reason?.code ?? null])).toEqual([
      [true, null],
      [false, 'UNKNOWN_HOST_PLACEMENT'],
      [false, 'UNKNOWN_HOST_PLACEMENT'],
    ]);
  });
});
