import { useEffect, useState } from 'react';
import type { StatsOverview } from '../../../shared/api/stats-schema.js';
import { useBridge } from '../../app/bridge-context.js';

/** How often the overview asks again (the cache's 5 s rows). */
const refreshMs = 5000;

/** The stats overview, asked again every 5 s while shown; the server keeps the hosts polled meanwhile. */
export function useOverview(active: boolean): StatsOverview | null {
  const bridge = useBridge();
  const [overview, setOverview] = useState<StatsOverview | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const result = await bridge.call('stats.overview', { limit: 5, watch: true });
      if (stopped) return;
      if (result.ok) setOverview(result.output);
      timer = setTimeout(() => void ask(), refreshMs);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
      void bridge.call('stats.unwatch', { watchId: '#overview' });
    };
  }, [bridge, active]);
  return overview;
}
