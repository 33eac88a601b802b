import { useEffect, useState } from 'react';
import type { StatsResolution } from '../../../shared/api/stats-schema.js';
import { useBridge } from '../../app/bridge-context.js';
import { mergeSeries, type ObjectGrids } from './stats-grid.js';

export interface ObjectStats {
  /** Each object's data sources, by object id. */
  readonly grids: ReadonlyMap<string, ObjectGrids>;
  readonly loading: boolean;
  readonly error: string | null;
}

let nextWatch = 0;

/**
 * The metrics of some objects over the last `seconds`, live: one stats.query (which starts the server's shared
 * polling of their hosts), then only new points as stats.changed; unwatched when the graphs close or the range
 * changes, and asked again after the server connection comes back (the server forgot the watch).
 */
export function useObjectStats(objectIds: readonly string[], resolution: StatsResolution, seconds: number): ObjectStats {
  const bridge = useBridge();
  const [stats, setStats] = useState<ObjectStats>({ grids: new Map(), loading: true, error: null });
  const [connection, setConnection] = useState(0);
  const key = objectIds.join('\n');

  useEffect(() => bridge.onConnectionChange((connected) => connected && setConnection((n) => n + 1)), [bridge]);

  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n');
    if (ids.length === 0) {
      setStats({ grids: new Map(), loading: false, error: null });
      return;
    }
    const watchId = `perf-${++nextWatch}`;
    let active = true;
    const keepFrom = () => Date.now() / 1000 - seconds;
    setStats({ grids: new Map(), loading: true, error: null });
    const merge = (series: readonly { objectId: string; start: number; step: number; sources: { name: string; values: (number | null)[] }[] }[]) =>
      setStats((previous) => {
        const grids = new Map(previous.grids);
        for (const one of series) grids.set(one.objectId, mergeSeries(grids.get(one.objectId), one, keepFrom()));
        return { ...previous, grids };
      });
    const stop = bridge.subscribe('stats.changed', (payload) => {
      if (active && payload.watchId === watchId) merge(payload.series);
    });
    void bridge.call('stats.query', { objectIds: ids, resolution, from: keepFrom(), watchId }).then((result) => {
      if (!active) return;
      if (result.ok) {
        merge(result.output.series);
        setStats((previous) => ({ ...previous, loading: false }));
      } else setStats((previous) => ({ ...previous, loading: false, error: result.error.message }));
    });
    return () => {
      active = false;
      stop();
      void bridge.call('stats.unwatch', { watchId });
    };
  }, [bridge, key, resolution, seconds, connection]);

  return stats;
}
