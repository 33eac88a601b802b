import { useId, useMemo, useState } from 'react';
import type { AlertNotifications } from '../../../shared/api/settings-schema.js';
import { useBridge } from '../../app/bridge-context.js';
import { saveSettings } from '../../app/save-settings.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { reportFailure } from '../../commands/report-failure.js';
import { useAppStore } from '../../store/app-store.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { keyForObject, useTreeUiStore } from '../tree/tree-ui-store.js';
import { alertRows, type AlertRow } from './alert-list.js';
import { useAlertsPopoverStore } from './alerts-store.js';

const shownAlerts = 500;
const severities: readonly AlertRow['severity'][] = ['critical', 'warning', 'information'];
const dateFilters = [
  { label: 'All dates', ms: null },
  { label: 'Last 24 hours', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
  { label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
const notificationChoices: readonly { value: AlertNotifications; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'critical', label: 'Critical alerts' },
  { value: 'warning', label: 'Critical and warning alerts' },
  { value: 'information', label: 'All alerts' },
];

/** Turns OS notifications on (asking the browser's permission first, which needs this click) or off. */
async function chooseNotifications(bridge: ReturnType<typeof useBridge>, value: AlertNotifications): Promise<void> {
  if (value !== 'off' && typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
  await saveSettings(bridge, { alertNotifications: value });
}

/**
 * XenCenter's Alerts view (Tools > Alerts, or the status bar's count): every pool's alerts with severity, object,
 * time and text, filtered by pool, severity and date; Dismiss and Dismiss All remove them from the pools
 * (message.destroy), Go To selects the object.
 */
export function AlertsView() {
  const ids = useId();
  const bridge = useBridge();
  const setOpen = useAlertsPopoverStore((state) => state.setOpen);
  const objects = useObjectsStore((state) => state.objects);
  const idsByType = useObjectsStore((state) => state.idsByType);
  const pools = usePoolsStore((state) => state.pools);
  const [poolId, setPoolId] = useState('');
  const [shown, setShown] = useState<ReadonlySet<AlertRow['severity']>>(new Set(severities));
  const [dateIndex, setDateIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const notifications = useAppStore((state) => state.settings.alertNotifications);
  const denied = notifications !== 'off' && typeof Notification !== 'undefined' && Notification.permission === 'denied';
  const since = dateFilters[dateIndex]!.ms;
  const filter = useMemo(() => ({ poolId: poolId || undefined, severities: shown, since: since === null ? undefined : Date.now() - since }), [poolId, shown, since]);
  const rows = useMemo(() => alertRows({ objects, idsByType }, Number.MAX_SAFE_INTEGER, filter), [objects, idsByType, filter]);
  const visible = rows.slice(0, shownAlerts);
  const dismiss = async (alertIds: string[]) => {
    if (alertIds.length === 0) return;
    setBusy(true);
    const result = await bridge.call('alerts.dismiss', { alertIds: alertIds.slice(0, 10_000) });
    setBusy(false);
    if (!result.ok) reportFailure(result.error);
  };
  const toggle = (severity: AlertRow['severity']) =>
    setShown((previous) => {
      const next = new Set(previous);
      if (next.has(severity)) next.delete(severity);
      else next.add(severity);
      return next;
    });
  return (
    <ModalDialog labelledBy={`${ids}-title`} onCancel={() => setOpen(false)} className="alerts-view">
      <div className="alerts-header">
        <h2 id={`${ids}-title`}>Alerts</h2>
        <span className="muted" role="status">
          {rows.length > shownAlerts ? `newest ${shownAlerts} of ${rows.length}` : `${rows.length} ${rows.length === 1 ? 'alert' : 'alerts'}`}
        </span>
        <span className="spacer" />
        <button type="button" className="toolbar-button" disabled={busy || rows.length === 0} onClick={() => void dismiss(rows.map((row) => row.id))}>
          Dismiss All
        </button>
        <button type="button" className="toolbar-button" onClick={() => setOpen(false)} data-autofocus>
          Close
        </button>
      </div>
      <div className="alerts-filters" role="group" aria-label="Filters">
        <label>
          Pool{' '}
          <select value={poolId} onChange={(event) => setPoolId(event.target.value)}>
            <option value="">All pools</option>
            {[...pools.values()].map((pool) => (
              <option key={pool.poolId} value={pool.poolId}>
                {pool.label || pool.address}
              </option>
            ))}
          </select>
        </label>
        {severities.map((severity) => (
          <label key={severity}>
            <input type="checkbox" checked={shown.has(severity)} onChange={() => toggle(severity)} /> {severity[0]!.toUpperCase() + severity.slice(1)}
          </label>
        ))}
        <label>
          Notify me of{' '}
          <select value={notifications} onChange={(event) => void chooseNotifications(bridge, event.target.value as AlertNotifications)}>
            {notificationChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {denied && <span className="muted">Notifications are blocked for this page.</span>}
        <label>
          Date{' '}
          <select value={dateIndex} onChange={(event) => setDateIndex(Number(event.target.value))}>
            {dateFilters.map((option, i) => (
              <option key={option.label} value={i}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {visible.length === 0 ? (
        <p className="muted alerts-empty">No alerts.</p>
      ) : (
        <ul className="alerts-list" aria-label="Alerts list">
          {visible.map((row) => (
            <li key={row.id} className={`alert-row ${row.severity}`} aria-label={`${row.title}${row.object ? ` on ${String(row.object.name_label)}` : ''}`}>
              <span className="alert-severity">{row.severity}</span>
              <span className="alert-title">{row.title}</span>
              {row.object && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Go to ${String(row.object.name_label)}`}
                  onClick={() => {
                    useTreeUiStore.getState().select(keyForObject(row.object!));
                    setOpen(false);
                  }}
                >
                  {String(row.object.name_label ?? row.object.$id)}
                </button>
              )}
              <span className="alert-time muted">{row.at === null ? '' : new Date(row.at).toLocaleString()}</span>
              <button type="button" className="link-button alert-dismiss" disabled={busy} onClick={() => void dismiss([row.id])}>
                Dismiss
              </button>
              {row.body && <span className="alert-body muted">{row.body}</span>}
            </li>
          ))}
        </ul>
      )}
    </ModalDialog>
  );
}
