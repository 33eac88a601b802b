import { describe, expect, it } from 'vitest';
import { resolutionWindow, statsResolutions } from '../../../shared/api/stats-schema.js';
import { defaultGraphs } from './graph-defaults.js';
import { formatSourceValue, sourceInfo } from './source-info.js';
import { timeRanges } from './time-ranges.js';

describe('Performance defaults', () => {
  it('gives a VM XenCenter\'s four graphs from the sources it has, in a natural order', () => {
    const graphs = defaultGraphs('vm', ['cpu10', 'cpu2', 'memory', 'vif_1_rx', 'vif_0_tx', 'vbd_xvda_read', 'runstate_fullrun']);
    expect(graphs.map((g) => g.title)).toEqual(['CPU Performance', 'Memory Performance', 'Network Performance', 'Disk Performance']);
    expect(graphs[0]!.sources).toEqual(['cpu2', 'cpu10']);
    expect(graphs[2]!.sources).toEqual(['vif_0_tx', 'vif_1_rx']);
    expect(defaultGraphs('host', []).map((g) => g.title)).toEqual(['CPU Performance', 'Memory Performance', 'Network Performance', 'Load Average']);
  });

  it('reads each range from an archive that reaches back that far', () => {
    for (const range of timeRanges) expect(resolutionWindow(range.resolution)).toBeGreaterThanOrEqual(range.seconds);
    expect(timeRanges.at(-1)).toMatchObject({ label: 'Last 1 year', resolution: '1d' });
    expect(statsResolutions['5s']).toEqual({ step: 5, rows: 120 });
  });

  it('labels sources and formats values in their units', () => {
    expect(sourceInfo('memory_free_kib')).toEqual({ label: 'Free memory', unit: 'bytes', scale: 1024 });
    expect(sourceInfo('vbd_xvdb_write').label).toBe('Disk xvdb write');
    expect(formatSourceValue(42.04, 'percent')).toBe('42.0 %');
    expect(formatSourceValue(3 * 1024 * 1024, 'bytesPerSecond')).toBe('3.0 MiB/s');
    expect(formatSourceValue(null, 'bytes')).toBe('—');
  });
});
