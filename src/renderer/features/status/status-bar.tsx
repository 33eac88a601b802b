import { useAppStore } from '../../store/app-store.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { describeLoading, summarizePools } from '../pools/pool-state-text.js';
import { ThemePicker } from '../theme/theme-picker.js';
import { alertCount } from './alert-count.js';
import { AlertsView } from './alerts-view.js';
import { useAlertsPopoverStore } from './alerts-store.js';
import './status-bar.css';

/** The alert count of every connected pool (XAPI messages of priority 1–3 in the mirror), opening the Alerts view. */
function AlertsButton() {
  const count = useObjectsStore(alertCount);
  const open = useAlertsPopoverStore((state) => state.open);
  const setOpen = useAlertsPopoverStore((state) => state.setOpen);
  return (
    <span className="alerts-anchor">
      <button
        type="button"
        className={count > 0 ? 'status-button has-alerts' : 'status-button'}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="alert-count"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⚠ </span>
        {count === 1 ? '1 alert' : `${count} alerts`}
      </button>
      {open && <AlertsView />}
    </span>
  );
}

/** Bottom line: server connection, pool connection states, alerts, health, version and the theme switch. */
export function StatusBar() {
  const connected = useAppStore((state) => state.connected);
  const health = useAppStore((state) => state.health);
  const version = useAppStore((state) => state.version);
  const poolSummary = usePoolsStore((state) => summarizePools(state.pools.values()));
  const loading = usePoolsStore((state) => describeLoading(state.pools.values()));
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span className={connected ? 'dot ok' : 'dot bad'} aria-hidden="true" />
      <span role="status" className="status-live">
        <span data-testid="server-connection">{connected ? 'Connected to the Xenith server' : 'Not connected to the Xenith server'}</span>
        <span data-testid="pool-summary">{poolSummary}</span>
        {loading && <span data-testid="pool-loading">{loading}</span>}
      </span>
      <AlertsButton />
      {health && (
        <span data-testid="server-health" className="status-shrink">
          {/* Pool counts are shown live by pool-summary; health is polled, so it would lag behind them. */}
          Server {health.status} · {(health.rssBytes / 1048576).toFixed(0)} MiB
        </span>
      )}
      <span className="spacer" />
      {version && (
        <span data-testid="server-version" className="status-shrink">
          Xenith {version.version} ({version.mode === 'desktop' ? `Electron ${version.electron}` : 'serve mode'}, Node {version.node})
        </span>
      )}
      <ThemePicker />
    </footer>
  );
}
