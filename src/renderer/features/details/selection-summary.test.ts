import { describe, expect, it } from 'vitest';
import { testRecord } from '../../testing/test-record.js';
import { countOf, summarizeSelection } from './selection-summary.js';

describe('a multi-selection summary', () => {
  it('counts each kind and its states', () => {
    const objects = [
      testRecord('VM', 'v1', { power_state: 'Running', is_a_template: false }),
      testRecord('VM', 'v2', { power_state: 'Halted', is_a_template: false }),
      testRecord('VM', 'v3', { power_state: 'Running', is_a_template: false }),
      testRecord('host', 'h1', { enabled: false, other_config: { MAINTENANCE_MODE: 'true' } }),
      testRecord('VM', 't1', { is_a_template: true }),
    ];
    expect(summarizeSelection(objects)).toEqual([
      { kind: 'Server', count: 1, states: [{ state: 'Maintenance mode', count: 1 }] },
      { kind: 'VM', count: 3, states: [{ state: 'Running', count: 2 }, { state: 'Halted', count: 1 }] },
      { kind: 'Template', count: 1, states: [] },
    ]);
    expect([countOf(3, 'VM'), countOf(1, 'Server'), countOf(2, 'Storage')]).toEqual(['3 VMs', '1 server', '2 storage repositories']);
  });
});
