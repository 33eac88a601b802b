import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { PoolUpdates } from '../../../shared/api/update-schema.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { BusyLabel } from '../../components/busy-label.js';
import { VirtualTable, type TableColumn } from '../../components/virtual-table.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { CallError } from '../dialogs/call-error.js';
import { formatBytes } from '../details/format.js';
import { useMirror } from '../details/use-mirror.js';
import { yesNoColumn } from '../details/yes-no-column.js';
import { availableRows, familyOf, historyRows, hostUpdateRows, subjectHosts, type AvailableRow, type HistoryRow, type HostUpdateRow } from './updates-model.js';
import './updates.css';

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '-');

const familyNames = { 'xcp-ng': 'XCP-ng updates (yum repositories)', xenserver: 'XenServer updates (pool_update packages)', cdn: 'XenServer updates (CDN)' } as const;

const statusColumns: readonly TableColumn<HostUpdateRow>[] = [
  { id: 'server', header: 'Server', width: 150, grow: 2, cell: (row) => row.server, sortValue: (row) => row.server },
  { id: 'version', header: 'Version', width: 120, cell: (row) => row.version, sortValue: (row) => row.version },
  { id: 'status', header: 'Status', width: 170, cell: (row) => <span className={row.rebootNeeded ? 'update-status reboot' : 'update-status'}>{row.status}</span>, sortValue: (row) => row.status },
  { id: 'last', header: 'Last updated', width: 170, cell: (row) => when(row.lastUpdate), sortValue: (row) => row.lastUpdate },
  { id: 'installed', header: 'Installed updates', width: 160, grow: 2, cell: (row) => row.installed.join(', ') || '-', sortValue: (row) => row.installed.join(',') || null },
];

const historyColumns: readonly TableColumn<HistoryRow>[] = [
  { id: 'at', header: 'Date', width: 170, cell: (row) => when(row.at), sortValue: (row) => row.at },
  { id: 'server', header: 'Server', width: 140, cell: (row) => row.server, sortValue: (row) => row.server },
  { id: 'updates', header: 'Updates', width: 220, grow: 3, cell: (row) => row.updates, sortValue: (row) => row.updates },
  { id: 'by', header: 'By', width: 180, grow: 1, cell: (row) => row.by, sortValue: (row) => row.by },
  yesNoColumn('reboot', 'Reboot', 80, (row) => row.rebootNeeded),
];

const availableColumns: readonly TableColumn<AvailableRow>[] = [
  { id: 'server', header: 'Server', width: 140, cell: (row) => row.server, sortValue: (row) => row.server },
  { id: 'name', header: 'Update', width: 150, grow: 1, cell: (row) => row.update.name, sortValue: (row) => row.update.name },
  { id: 'version', header: 'Version', width: 150, cell: (row) => row.update.version || '-', sortValue: (row) => row.update.version || null },
  { id: 'installed', header: 'Installed', width: 170, cell: (row) => row.update.installed ?? '-', sortValue: (row) => row.update.installed },
  { id: 'description', header: 'Description', width: 200, grow: 3, cell: (row) => row.update.description.split('\n')[0] ?? '', sortValue: (row) => row.update.description || null },
  { id: 'size', header: 'Size', width: 80, align: 'end', cell: (row) => (row.update.size === null ? '-' : formatBytes(row.update.size)), sortValue: (row) => row.update.size },
  yesNoColumn('reboot', 'Reboot', 70, (row) => row.update.rebootNeeded),
];

/**
 * The Updates tab of a pool or server: each server's status (reboot needed, last update, installed XenServer
 * updates), what Check for Updates finds (asked on demand: XCP-ng's plugin and the vendors' catalogues are slow),
 * and the history Xenith keeps in the pool's own database, so every client sees who applied what and when.
 */
export function UpdatesTab({ subject }: { subject: XapiRecord<'host'> | XapiRecord<'pool'> }) {
  const bridge = useBridge();
  const { hosts, family, status, history } = useMirror((index) => {
    const subjectHostList = subjectHosts(index, subject);
    return { hosts: subjectHostList.map((host) => host.$id), family: familyOf(index, subject), status: hostUpdateRows(index, subjectHostList), history: historyRows(subjectHostList) };
  }, [subject]);
  const [checking, setChecking] = useState(false);
  const [found, setFound] = useState<PoolUpdates | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const available = useMirror((index) => (found ? availableRows(index, found.hosts) : []), [found]);
  const check = async (): Promise<void> => {
    setChecking(true);
    setError(null);
    const answer = await bridge.call('updates.list', { poolId: subject.$pool, hostIds: hosts });
    setChecking(false);
    if (answer.ok) setFound(answer.output);
    else setError(answer.error);
  };
  const notes = found?.hosts.filter((host) => host.status !== 'ok') ?? [];
  return (
    <div className="list-tab updates-tab">
      <div className="updates-toolbar">
        <span className="updates-family">{familyNames[family]}</span>
        <span className="spacer" />
        <button type="button" className="toolbar-button" onClick={() => void check()} disabled={checking}>
          <BusyLabel busy={checking} label="Check for Updates" busyLabel="Checking…" />
        </button>
        <button type="button" className="toolbar-button" onClick={() => useDialogStore.getState().show({ kind: 'installUpdate', poolId: subject.$pool })}>
          Install Update…
        </button>
      </div>
      <CallError error={error} />
      <VirtualTable label="Servers" columns={statusColumns} rows={status} rowKey={(row) => row.id} maxVisibleRows={8} emptyText="No servers." />
      {found && (
        <section aria-label="Available updates" className="updates-section">
          <h4>Available updates</h4>
          {notes.map((host) => (
            <p key={host.hostId} className="dialog-note" role="status">
              {host.status === 'busy' ? 'Busy: ' : ''}
              {host.message}
            </p>
          ))}
          <VirtualTable label="Available updates" columns={availableColumns} rows={available} rowKey={(row) => row.id} maxVisibleRows={10} emptyText="Nothing to install: every server is up to date." />
        </section>
      )}
      <section aria-label="Update history" className="updates-section">
        <h4>Update history</h4>
        <VirtualTable label="Update history" columns={historyColumns} rows={history} rowKey={(row) => row.id} maxVisibleRows={12} emptyText="No update recorded yet." />
      </section>
    </div>
  );
}
