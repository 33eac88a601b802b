import type { StatsOverview } from '../../../shared/api/stats-schema.js';
import { nameOf } from '../../store/mirror-read.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { goTo } from '../details/go-to.js';
import { useMirror } from '../details/use-mirror.js';
import { formatSourceValue } from '../performance/source-info.js';
import { UsageBar } from '../details/usage-bar.js';
import { keyForObject } from '../tree/tree-ui-store.js';
import { useOverview } from './use-overview.js';
import './pool-overview.css';

const rankings: { key: keyof StatsOverview['top']; title: string; format: (value: number) => string }[] = [
  { key: 'cpu', title: 'CPU', format: (value) => formatSourceValue(value * 100, 'percent') },
  { key: 'memory', title: 'Memory', format: (value) => formatSourceValue(value, 'bytes') },
  { key: 'network', title: 'Network', format: (value) => formatSourceValue(value, 'bytesPerSecond') },
  { key: 'disk', title: 'Disk', format: (value) => formatSourceValue(value, 'bytesPerSecond') },
];

/** A bar with its figure beside it (the shared usage bar, one segment). */
function Meter({ fraction, label }: { fraction: number; label: string }) {
  return (
    <span className="usage-cell">
      <UsageBar segments={[{ label, bytes: Math.max(0, Math.min(1, fraction)), tone: 'seg-used' }]} total={1} label={label} />
      <span>{label}</span>
    </span>
  );
}

/** An object's name and selection key, for the overview's links. */
function useNames(ids: readonly string[]) {
  return useMirror((index) => Object.fromEntries(ids.map((id) => {
    const object = index.objects.get(id);
    return [id, object ? { name: nameOf(object), key: keyForObject(object) } : null];
  })), [ids.join('\n')]);
}

/**
 * The morning glance on the Home page: every connected pool's hosts with their CPU and memory, and the VMs using
 * the most CPU, memory, network and disk across all pools, from the server's shared stats cache.
 */
export function PoolOverview() {
  const connected = usePoolsStore((state) => [...state.pools.values()].some((pool) => pool.state === 'connected'));
  const hasObjects = useObjectsStore((state) => state.objects.size > 0);
  const overview = useOverview(connected && hasObjects);
  const ids = overview ? [...overview.hosts.map((h) => h.objectId), ...Object.values(overview.top).flat().map((r) => r.objectId)] : [];
  const names = useNames(ids);
  if (!connected) return null;
  if (!overview) return <p className="muted">Gathering performance figures…</p>;
  const link = (id: string) => {
    const named = names[id];
    return named ? (
      <button type="button" className="link-button" onClick={() => goTo(named.key)}>
        {named.name}
      </button>
    ) : (
      id
    );
  };
  return (
    <section className="pool-overview" aria-label="Overview">
      <h2>Servers</h2>
      <table className="plain-table overview-hosts" aria-label="Servers">
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">CPU</th>
            <th scope="col">Memory</th>
          </tr>
        </thead>
        <tbody>
          {overview.hosts.map((host) => (
            <tr key={host.objectId}>
              <th scope="row">{link(host.objectId)}</th>
              <td data-value={host.cpu ?? ''}>
                <Meter fraction={host.cpu ?? 0} label={host.cpu === null ? '—' : formatSourceValue(host.cpu * 100, 'percent')} />
              </td>
              <td>
                <Meter
                  fraction={host.memoryUsed !== null && host.memoryTotal ? host.memoryUsed / host.memoryTotal : 0}
                  label={host.memoryUsed === null ? '—' : `${formatSourceValue(host.memoryUsed, 'bytes')} of ${formatSourceValue(host.memoryTotal, 'bytes')}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Busiest VMs</h2>
      <div className="overview-rankings">
        {rankings.map((ranking) => (
          <table key={ranking.key} className="plain-table" aria-label={`Top VMs by ${ranking.title}`}>
            <caption>{ranking.title}</caption>
            <tbody>
              {overview.top[ranking.key].map((row) => (
                <tr key={row.objectId}>
                  <th scope="row">{link(row.objectId)}</th>
                  <td>{ranking.format(row.value)}</td>
                </tr>
              ))}
              {overview.top[ranking.key].length === 0 && (
                <tr>
                  <td className="muted">No figures yet.</td>
                </tr>
              )}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
