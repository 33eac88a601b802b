import type { StatsResolution } from '../../../shared/api/stats-schema.js';

/** One of XenCenter's Performance tab ranges: how far back, from which archive. */
export interface TimeRange {
  readonly label: string;
  readonly seconds: number;
  readonly resolution: StatsResolution;
}

/** XenCenter's ranges, each read from the finest archive that reaches back that far. */
export const timeRanges: readonly TimeRange[] = [
  { label: 'Last 10 minutes', seconds: 600, resolution: '5s' },
  { label: 'Last 1 hour', seconds: 3600, resolution: '1m' },
  { label: 'Last 1 day', seconds: 86_400, resolution: '1h' },
  { label: 'Last 1 week', seconds: 604_800, resolution: '1h' },
  { label: 'Last 1 month', seconds: 2_592_000, resolution: '1d' },
  { label: 'Last 1 year', seconds: 31_536_000, resolution: '1d' },
];
