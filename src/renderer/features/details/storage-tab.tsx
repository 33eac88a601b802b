import { useState } from 'react';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { VirtualTable, type TableColumn } from '../../components/virtual-table.js';
import type { DetailsSubject } from './details-subject.js';
import { formatBytes, formatPercent } from './format.js';
import { goTo } from './go-to.js';
import { yesNoColumn } from './yes-no-column.js';
import { srDiskRows, srRowsForHost, srRowsForPool, vmDiskRows, type SrDiskRow, type SrRow, type VmDiskRow } from './storage-rows.js';
import { UsageCell } from './usage-bar.js';
import { useMirror } from './use-mirror.js';
import { SrDiskActions, VmDiskActions } from './device-actions.js';

/** The Storage tab: a VM's disks and drives, the SRs of a host or pool, or the disks on an SR. */
export function StorageTab({ subject }: { subject: DetailsSubject }) {
  switch (subject.kind) {
    case 'vm':
    case 'template':
      return <VmDisks vm={subject.object} />;
    case 'sr':
      return <SrDisks sr={subject.object} />;
    case 'host':
    case 'pool':
      return <SrList subject={subject.object} />;
    default:
      return null;
  }
}

const diskColumns: readonly TableColumn<VmDiskRow>[] = [
  { id: 'position', header: 'Position', width: 96, cell: (row) => row.position, sortValue: (row) => row.position },
  { id: 'device', header: 'Device', width: 84, cell: (row) => row.device || '-', sortValue: (row) => row.device || null },
  { id: 'kind', header: 'Type', width: 96, cell: (row) => row.kind, sortValue: (row) => row.kind },
  { id: 'name', header: 'Name', width: 160, grow: 3, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'description', header: 'Description', width: 120, grow: 2, cell: (row) => row.description, sortValue: (row) => row.description || null },
  { id: 'size', header: 'Size', width: 90, align: 'end', cell: (row) => (row.size === null ? '-' : formatBytes(row.size)), sortValue: (row) => row.size },
  { id: 'sr', header: 'SR', width: 140, grow: 2, cell: (row) => row.srName || '-', sortValue: (row) => row.srName || null },
  yesNoColumn('readOnly', 'Read only', 92, (row) => row.readOnly),
  yesNoColumn('active', 'Active', 70, (row) => row.active),
];

function VmDisks({ vm }: { vm: XapiRecord<'VM'> }) {
  const rows = useMirror((index) => vmDiskRows(index, vm), [vm]);
  const [activeId, setActiveId] = useState<string | null>(null);
  return (
    <div className="list-tab">
      <VirtualTable
        label="Virtual disks"
        columns={diskColumns}
        rows={rows}
        rowKey={(row) => row.id}
        maxVisibleRows={16}
        emptyText={`This ${vm.is_a_template ? 'template' : 'VM'} has no disks.`}
        onActivate={(row) => row.srId && goTo(`sr:${row.srId}`)}
        onActiveChange={(row) => setActiveId(row.id)}
      />
      {!vm.is_a_template && !vm.is_a_snapshot && <VmDiskActions vm={vm} vbdId={activeId} />}
    </div>
  );
}

const srColumns: readonly TableColumn<SrRow>[] = [
  { id: 'name', header: 'Name', width: 160, grow: 3, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'description', header: 'Description', width: 140, grow: 2, cell: (row) => row.description, sortValue: (row) => row.description || null },
  { id: 'type', header: 'Type', width: 110, cell: (row) => row.type, sortValue: (row) => row.type },
  yesNoColumn('shared', 'Shared', 72, (row) => row.shared),
  { id: 'usage', header: 'Usage', width: 150, grow: 1, cell: (row) => <UsageCell used={row.used} size={row.size} />, sortValue: (row) => (row.size > 0 ? row.usage : null) },
  { id: 'size', header: 'Size', width: 90, align: 'end', cell: (row) => formatBytes(row.size), sortValue: (row) => row.size },
  { id: 'used', header: 'Used', width: 90, align: 'end', cell: (row) => formatBytes(row.used), sortValue: (row) => row.used },
  {
    id: 'virtual',
    header: 'Virtual allocation',
    width: 170,
    align: 'end',
    cell: (row) => (row.size > 0 ? `${formatBytes(row.virtualAllocation)} (${formatPercent(row.virtualAllocation, row.size)})` : formatBytes(row.virtualAllocation)),
    sortValue: (row) => row.virtualAllocation,
  },
];

/** A pool's SRs also say which server a local SR belongs to (every server has its own "Local storage"). */
const poolSrColumns: readonly TableColumn<SrRow>[] = [
  srColumns[0]!,
  { id: 'server', header: 'Server', width: 120, grow: 1, cell: (row) => row.hostName ?? '', sortValue: (row) => row.hostName },
  ...srColumns.slice(1),
];

function SrList({ subject }: { subject: XapiRecord<'host' | 'pool'> }) {
  const rows = useMirror((index) => (subject.$type === 'host' ? srRowsForHost(index, subject) : srRowsForPool(index, subject)), [subject]);
  return (
    <div className="list-tab">
      <VirtualTable label="Storage repositories" columns={subject.$type === 'pool' ? poolSrColumns : srColumns} rows={rows} rowKey={(row) => row.id} maxVisibleRows={20} emptyText="No storage." onActivate={(row) => goTo(`sr:${row.id}`)} />
    </div>
  );
}

const srDiskColumns: readonly TableColumn<SrDiskRow>[] = [
  { id: 'name', header: 'Name', width: 180, grow: 3, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'description', header: 'Description', width: 140, grow: 2, cell: (row) => row.description, sortValue: (row) => row.description || null },
  { id: 'size', header: 'Size', width: 90, align: 'end', cell: (row) => formatBytes(row.size), sortValue: (row) => row.size },
  { id: 'vm', header: 'VM', width: 140, grow: 2, cell: (row) => row.vmNames || '-', sortValue: (row) => row.vmNames || null },
];

function SrDisks({ sr }: { sr: XapiRecord<'SR'> }) {
  const rows = useMirror((index) => srDiskRows(index, sr), [sr]);
  const [activeId, setActiveId] = useState<string | null>(null);
  return (
    <div className="list-tab fill">
      <VirtualTable label="Virtual disks on this SR" columns={srDiskColumns} rows={rows} rowKey={(row) => row.id} emptyText="This SR holds no disks." onActiveChange={(row) => setActiveId(row.id)} />
      <SrDiskActions sr={sr} vdiId={activeId} />
    </div>
  );
}
