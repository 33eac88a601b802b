import { useEffect, useMemo, useRef } from 'react';
import { useObjectsStore } from '../../store/objects-store.js';
import { keyForObject, useTreeUiStore } from '../tree/tree-ui-store.js';
import { alertRows } from './alert-list.js';
import { useAlertsPopoverStore } from './alerts-store.js';

const shownAlerts = 200;

/** The newest alerts of every pool, over the status bar; Escape or Close puts it away. */
export function AlertsPopover() {
  const setOpen = useAlertsPopoverStore((state) => state.setOpen);
  const objects = useObjectsStore((state) => state.objects);
  const idsByType = useObjectsStore((state) => state.idsByType);
  const rows = useMemo(() => alertRows({ objects, idsByType }, shownAlerts), [objects, idsByType]);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  return (
    <div
      ref={panel}
      className="alerts-popover"
      role="dialog"
      aria-label="Alerts"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <div className="alerts-header">
        <strong>Alerts</strong>
        <span className="muted">{rows.length === shownAlerts ? `newest ${shownAlerts}` : ''}</span>
        <span className="spacer" />
        <button type="button" className="toolbar-button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted alerts-empty">No alerts.</p>
      ) : (
        <ul className="alerts-list" aria-label="Alerts list">
          {rows.map((row) => (
            <li key={row.id} className={`alert-row ${row.severity}`}>
              <span className="alert-severity">{row.severity}</span>
              <span className="alert-title">{row.title}</span>
              {row.object && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    useTreeUiStore.getState().select(keyForObject(row.object!));
                    setOpen(false);
                  }}
                >
                  {String(row.object.name_label ?? row.object.$id)}
                </button>
              )}
              <span className="alert-time muted">{row.at === null ? '' : new Date(row.at).toLocaleString()}</span>
              {row.body && <span className="alert-body muted">{row.body}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
