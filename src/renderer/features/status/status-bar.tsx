import { useAppStore } from '../../store/app-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { summarizePools } from '../pools/pool-state-text.js';

/** Bottom line: server connection, health and version, as the server reports them. */
export function StatusBar() {
  const connected = useAppStore((state) => state.connected);
  const health = useAppStore((state) => state.health);
  const version = useAppStore((state) => state.version);
  const poolSummary = usePoolsStore((state) => summarizePools(state.pools.values()));
  return (
    <footer className="status-bar" role="status" aria-label="Status bar">
      <span className={connected ? 'dot ok' : 'dot bad'} aria-hidden="true" />
      <span data-testid="server-connection">{connected ? 'Connected to the Xenith server' : 'Not connected to the Xenith server'}</span>
      <span data-testid="pool-summary">{poolSummary}</span>
      {health && (
        <span data-testid="server-health">
          Server {health.status} · up {Math.round(health.uptimeSeconds)} s · {(health.rssBytes / 1048576).toFixed(0)} MiB ·{' '}
          {health.pools.connected}/{health.pools.total} pools connected
        </span>
      )}
      <span className="spacer" />
      {version && (
        <span data-testid="server-version">
          Xenith {version.version} ({version.mode === 'desktop' ? `Electron ${version.electron}` : 'serve mode'}, Node {version.node})
        </span>
      )}
    </footer>
  );
}
