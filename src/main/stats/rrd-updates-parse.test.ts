import { describe, expect, it } from 'vitest';
import { parseRrdUpdates } from './rrd-updates-parse.js';

describe('parseRrdUpdates', () => {
  it('reads xapi ≥ 23.31 JSON (values as strings, rows newest first) into columns oldest first', () => {
    const parsed = parseRrdUpdates(JSON.stringify({
      meta: { start: 100, step: 5, end: 105, rows: 2, columns: 2, legend: ['AVERAGE:host:h-1:cpu0', 'AVERAGE:vm:v-1:vbd_xvda_read'] },
      data: [{ t: 105, values: ['0.5', 'NaN'] }, { t: 100, values: ['0.25', '1e+06'] }],
    }));
    expect(parsed.step).toBe(5);
    expect(parsed.columns).toEqual([{ kind: 'host', uuid: 'h-1', name: 'cpu0' }, { kind: 'vm', uuid: 'v-1', name: 'vbd_xvda_read' }]);
    expect(parsed.times).toEqual([100, 105]);
    expect([...parsed.values[0]!]).toEqual([0.25, 0.5]);
    expect(parsed.values[1]![0]).toBe(1e6);
    expect(Number.isNaN(parsed.values[1]![1])).toBe(true);
  });

  it('reads the older JSON5-like output (unquoted keys, numbers, bare NaN)', () => {
    const old = '{meta: {start: 100,step: 60,end: 160,rows: 2,columns: 1,legend: ["AVERAGE:vm:v-1:cpu0"]},data: [{t: 160,values: [NaN]},{t: 100,values: [0.125]}]}';
    const parsed = parseRrdUpdates(old);
    expect(parsed.step).toBe(60);
    expect(parsed.times).toEqual([100, 160]);
    expect(parsed.values[0]![0]).toBe(0.125);
    expect(Number.isNaN(parsed.values[0]![1])).toBe(true);
  });

  it('refuses what is not rrd_updates', () => {
    expect(() => parseRrdUpdates('{"meta":{}}')).toThrow(/Not an rrd_updates/);
    expect(() => parseRrdUpdates('<html>')).toThrow();
  });
});
