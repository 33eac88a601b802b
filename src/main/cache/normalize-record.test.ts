import { describe, expect, it } from 'vitest';
import { normalizeDatetime, normalizeRecord } from './normalize-record.js';

describe('normalizeRecord', () => {
  it('gives the same record for XML-RPC strings and JSON-RPC numbers', () => {
    const xml = normalizeRecord('VM', { memory_static_max: '4294967296', VCPUs_max: '2', power_state: 'Running', $ref: 'x' });
    const json = normalizeRecord('VM', { memory_static_max: 4294967296, VCPUs_max: 2, power_state: 'Running' });
    expect(xml).toEqual(json);
    expect(xml).toEqual({ memory_static_max: 4294967296, VCPUs_max: 2, power_state: 'Running' });
  });

  it('turns both datetime forms into ISO strings', () => {
    expect(normalizeDatetime('20250319T04:16:24Z')).toBe('2025-03-19T04:16:24Z');
    expect(normalizeDatetime(new Date('2025-03-19T04:16:24Z'))).toBe('2025-03-19T04:16:24Z');
    expect(normalizeRecord('task', { created: '20250319T04:16:24Z' })).toEqual({ created: '2025-03-19T04:16:24Z' });
  });

  it('converts numeric map values', () => {
    expect(normalizeRecord('VM_metrics', { VCPUs_CPU: { '0': '3' } })).toEqual({ VCPUs_CPU: { '0': 3 } });
  });
});
