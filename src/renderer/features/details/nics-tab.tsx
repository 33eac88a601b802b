import { useState } from 'react';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { VirtualTable, type TableColumn } from '../../components/virtual-table.js';
import { askToConfirm } from '../../commands/ask-to-confirm.js';
import { callForCommand } from '../../commands/report-failure.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { nicRowsForHost, type NicRow } from './nic-rows.js';
import { useMirror } from './use-mirror.js';
import './device-actions.css';

const columns: readonly TableColumn<NicRow>[] = [
  { id: 'device', header: 'NIC', width: 70, cell: (row) => row.device, sortValue: (row) => row.device },
  { id: 'mac', header: 'MAC', width: 150, cell: (row) => <span className="mono">{row.mac}</span>, sortValue: (row) => row.mac },
  { id: 'link', header: 'Link Status', width: 100, cell: (row) => <span className={row.link === 'Connected' ? 'link-up' : 'link-down'}>{row.link}</span>, sortValue: (row) => row.link },
  { id: 'speed', header: 'Speed', width: 110, align: 'end', cell: (row) => row.speed, sortValue: (row) => (row.speed === '-' ? null : parseInt(row.speed, 10)) },
  { id: 'duplex', header: 'Duplex', width: 70, cell: (row) => row.duplex, sortValue: (row) => row.duplex },
  { id: 'vendor', header: 'Vendor', width: 150, grow: 1, cell: (row) => row.vendor, sortValue: (row) => row.vendor || null },
  { id: 'model', header: 'Device', width: 200, grow: 2, cell: (row) => row.model, sortValue: (row) => row.model || null },
  { id: 'bus', header: 'PCI Bus Path', width: 120, cell: (row) => row.pciBus, sortValue: (row) => row.pciBus || null },
  { id: 'bond', header: 'Bond', width: 110, cell: (row) => row.bond || '-', sortValue: (row) => row.bond || null },
];

/** XenCenter's NICs tab of a server: its NICs and bonds, with Create Bond (the New Network wizard) and Delete Bond. */
export function NicsTab({ host }: { host: XapiRecord<'host'> }) {
  const bridge = useBridge();
  const rows = useMirror((index) => nicRowsForHost(index, host), [host]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const active = rows.find((row) => row.id === activeId);
  const bondNetwork = active?.bondNetworkId ?? null;
  return (
    <div className="list-tab">
      <VirtualTable label="NICs" columns={columns} rows={rows} rowKey={(row) => row.id} maxVisibleRows={16} emptyText="No NICs." onActiveChange={(row) => setActiveId(row.id)} />
      <div className="tab-actions device-actions" role="toolbar" aria-label="NIC actions">
        <button type="button" className="toolbar-button" onClick={() => useDialogStore.getState().show({ kind: 'newNetwork', poolId: host.$pool })}>
          Create Bond…
        </button>
        <button
          type="button"
          className="toolbar-button"
          disabled={!bondNetwork}
          title={bondNetwork ? undefined : 'Select a bond first.'}
          onClick={() =>
            bondNetwork &&
            askToConfirm(
              { title: 'Delete Bond', message: `Delete the bond ${active!.device} (${active!.bond}) on every server? Its addresses and the management interface go back to the first NIC.`, confirmLabel: 'Delete', danger: true },
              () => void callForCommand(bridge, 'network.delete', { networkId: bondNetwork }),
            )
          }
        >
          Delete Bond
        </button>
      </div>
    </div>
  );
}
