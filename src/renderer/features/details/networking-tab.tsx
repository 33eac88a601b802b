import { useState } from 'react';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { VirtualTable, type TableColumn } from '../../components/virtual-table.js';
import type { DetailsSubject } from './details-subject.js';
import { goTo } from './go-to.js';
import { yesNoColumn } from './yes-no-column.js';
import { networkRowsForHost, networkRowsForPool, pifRowsForHost, pifRowsForPool, vifRows, type NetworkRow, type PifRow, type VifRow } from './networking-rows.js';
import { useMirror } from './use-mirror.js';
import { HostInterfaceActions, NetworkListActions, VifActions } from './device-actions.js';

/** The Networking tab: a VM's interfaces, or the networks and NICs of a host or pool. */
export function NetworkingTab({ subject }: { subject: DetailsSubject }) {
  switch (subject.kind) {
    case 'vm':
    case 'template':
      return <VmInterfaces vm={subject.object} />;
    case 'host':
    case 'pool':
      return <HostNetworks subject={subject.object} />;
    default:
      return null;
  }
}

/** A cell that tells "Connected" from the rest by colour too (text first: colour is never the only cue). */
function LinkCell({ link }: { link: string }) {
  return <span className={link === 'Connected' ? 'link-up' : link === 'Disconnected' ? 'link-down' : undefined}>{link}</span>;
}

const vifColumns: readonly TableColumn<VifRow>[] = [
  { id: 'device', header: 'Device', width: 64, cell: (row) => row.device, sortValue: (row) => row.device },
  { id: 'mac', header: 'MAC', width: 150, cell: (row) => <span className="mono">{row.mac}</span>, sortValue: (row) => row.mac },
  { id: 'network', header: 'Network', width: 180, grow: 3, cell: (row) => row.networkName, sortValue: (row) => row.networkName },
  { id: 'ip', header: 'IP address', width: 160, grow: 2, cell: (row) => row.addresses.join(', ') || '-', sortValue: (row) => row.addresses[0] ?? null },
  { id: 'limit', header: 'Limit', width: 90, cell: (row) => row.limit, sortValue: (row) => row.limit },
  yesNoColumn('active', 'Active', 64, (row) => row.active),
];

function VmInterfaces({ vm }: { vm: XapiRecord<'VM'> }) {
  const rows = useMirror((index) => vifRows(index, vm), [vm]);
  const [activeId, setActiveId] = useState<string | null>(null);
  return (
    <div className="list-tab">
      <VirtualTable
        label="Virtual network interfaces"
        columns={vifColumns}
        rows={rows}
        rowKey={(row) => row.id}
        maxVisibleRows={8}
        emptyText={`This ${vm.is_a_template ? 'template' : 'VM'} has no network interfaces.`}
        onActivate={(row) => row.networkId && goTo(`network:${row.networkId}`)}
        onActiveChange={(row) => setActiveId(row.id)}
      />
      {!vm.is_a_template && !vm.is_a_snapshot && <VifActions vm={vm} vifId={activeId} />}
    </div>
  );
}

const networkColumns: readonly TableColumn<NetworkRow>[] = [
  { id: 'name', header: 'Name', width: 200, grow: 3, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'description', header: 'Description', width: 120, grow: 2, cell: (row) => row.description, sortValue: (row) => row.description || null },
  { id: 'nic', header: 'NIC', width: 64, cell: (row) => row.nic, sortValue: (row) => row.nic },
  { id: 'vlan', header: 'VLAN', width: 56, cell: (row) => row.vlan, sortValue: (row) => (row.vlan === '-' ? null : Number(row.vlan)) },
  yesNoColumn('auto', 'Auto', 52, (row) => row.auto),
  { id: 'link', header: 'Link status', width: 100, cell: (row) => <LinkCell link={row.link} />, sortValue: (row) => row.link },
  { id: 'mac', header: 'MAC', width: 150, cell: (row) => <span className="mono">{row.mac || '-'}</span>, sortValue: (row) => row.mac || null },
  { id: 'mtu', header: 'MTU', width: 60, align: 'end', cell: (row) => String(row.mtu), sortValue: (row) => row.mtu },
];

const pifColumns = (withServer: boolean): readonly TableColumn<PifRow>[] => [
  ...(withServer ? [{ id: 'server', header: 'Server', width: 130, grow: 2, cell: (row: PifRow) => row.hostName, sortValue: (row: PifRow) => row.hostName }] : []),
  { id: 'device', header: 'NIC', width: 110, cell: (row) => row.device, sortValue: (row) => row.device },
  { id: 'mac', header: 'MAC', width: 150, cell: (row) => <span className="mono">{row.mac}</span>, sortValue: (row) => row.mac },
  { id: 'ip', header: 'IP address', width: 180, grow: 2, cell: (row) => row.address, sortValue: (row) => (row.address === 'None' ? null : row.address) },
  { id: 'mode', header: 'Mode', width: 70, cell: (row) => row.mode, sortValue: (row) => row.mode },
  yesNoColumn('management', 'Management', 100, (row) => row.management),
  { id: 'link', header: 'Link status', width: 100, cell: (row) => <LinkCell link={row.link} />, sortValue: (row) => row.link },
  { id: 'speed', header: 'Speed', width: 110, align: 'end', cell: (row) => row.speed, sortValue: (row) => (row.speed === '-' ? null : parseInt(row.speed, 10)) },
];

const hostPifColumns = pifColumns(false);
const poolPifColumns = pifColumns(true);

function HostNetworks({ subject }: { subject: XapiRecord<'host' | 'pool'> }) {
  const pool = subject.$type === 'pool';
  const [networkId, setNetworkId] = useState<string | null>(null);
  const [pifId, setPifId] = useState<string | null>(null);
  const networks = useMirror((index) => (subject.$type === 'pool' ? networkRowsForPool(index, subject) : networkRowsForHost(index, subject)), [subject]);
  const pifs = useMirror((index) => (subject.$type === 'pool' ? pifRowsForPool(index, subject) : pifRowsForHost(index, subject)), [subject]);
  return (
    <div className="list-tab">
      <h2 className="property-group-title">Networks</h2>
      <VirtualTable label="Networks" columns={networkColumns} rows={networks} rowKey={(row) => row.id} maxVisibleRows={10} emptyText="No networks." onActivate={(row) => goTo(`network:${row.id}`)} onActiveChange={(row) => setNetworkId(row.id)} />
      <NetworkListActions poolId={subject.$pool} networkId={networkId} />
      <h2 className="property-group-title">{pool ? 'Server NICs' : 'NICs and IP addresses'}</h2>
      <VirtualTable label={pool ? 'Server NICs' : 'NICs and IP addresses'} columns={pool ? poolPifColumns : hostPifColumns} rows={pifs} rowKey={(row) => row.id} maxVisibleRows={10} emptyText="No NICs." onActiveChange={(row) => setPifId(row.id)} />
      {!pool && <HostInterfaceActions hostId={subject.$id} pifId={pifId} />}
    </div>
  );
}
