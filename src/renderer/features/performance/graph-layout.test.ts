import { describe, expect, it } from 'vitest';
import { graphLayoutKey } from '../../../shared/api/stats-schema.js';
import { testRecord } from '../../testing/test-record.js';
import { graphCsv } from './graph-csv.js';
import { moveGraph, savedGraphs } from './graph-layout.js';

describe('graph layouts', () => {
  it('reads the graphs saved in the pool\'s gui_config, ignoring what does not parse', () => {
    const graphs = [{ title: 'Mine', sources: ['cpu0'] }];
    const pool = testRecord('pool', 'OpaqueRef:pool', { gui_config: { [graphLayoutKey('u-1')]: JSON.stringify(graphs), [graphLayoutKey('u-2')]: '{nope' } });
    expect(savedGraphs(pool, 'u-1')).toEqual(graphs);
    expect(savedGraphs(pool, 'u-2')).toBeNull();
    expect(savedGraphs(pool, 'u-3')).toBeNull();
  });

  it('moves a graph up and down, not past the ends', () => {
    const a = { title: 'A', sources: ['x'] };
    const b = { title: 'B', sources: ['y'] };
    expect(moveGraph([a, b], 1, -1)).toEqual([b, a]);
    expect(moveGraph([a, b], 1, 1)).toEqual([a, b]);
  });

  it('exports CSV with ISO times, units and empty cells for gaps', () => {
    expect(graphCsv(['cpu0', 'vif_0_rx'], [0, 5], [[50, null], [1, 2]])).toBe('Time,CPU 0 (%),Network 0 receive (bytes/s)\n1970-01-01T00:00:00.000Z,50,1\n1970-01-01T00:00:05.000Z,,2\n');
  });
});
