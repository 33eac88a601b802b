import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { VirtualTable, type TableColumn } from '../../components/virtual-table.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { keyForObject } from '../tree/tree-ui-store.js';
import type { DetailsSubject } from './details-subject.js';
import { formatBytes, formatPercent } from './format.js';
import { goTo } from './go-to.js';
import { hostMemory, vmMemory, type HostMemory, type MemorySetting, type VmMemory, type VmMemoryUse } from './memory-model.js';
import { nameOf, objectsOfType } from '../../store/mirror-read.js';
import { byName } from '../tree/name-order.js';
import { UsageBar, UsageCell } from './usage-bar.js';
import { useMirror } from './use-mirror.js';

/** The Memory tab: a VM's four settings with their ranges, a host's split, or every host of a pool. */
export function MemoryTab({ subject }: { subject: DetailsSubject }) {
  switch (subject.kind) {
    case 'vm':
    case 'template':
      return <VmMemoryView vm={subject.object} />;
    case 'host':
      return <HostMemoryView host={subject.object} />;
    case 'pool':
      return <PoolMemoryView pool={subject.object} />;
    default:
      return null;
  }
}

function rangeText(setting: MemorySetting): string {
  return setting.max === null ? `at least ${formatBytes(setting.min)}` : `${formatBytes(setting.min)} to ${formatBytes(setting.max)}`;
}

/** Where a value sits along the static range, in percent of the bar. */
function at(bytes: number, scale: number): string {
  return `${scale > 0 ? Math.min(100, (bytes / scale) * 100) : 0}%`;
}

function VmMemoryView({ vm }: { vm: XapiRecord<'VM'> }) {
  const memory = useMirror((index) => vmMemory(index, vm), [vm]);
  const settings = [memory.staticMin, memory.dynamicMin, memory.dynamicMax, memory.staticMax];
  return (
    <div className="memory-tab">
      <div className="tab-actions">
        <button type="button" className="toolbar-button" onClick={() => useDialogStore.getState().show({ kind: 'properties', objectId: vm.$id, page: 'memory' })}>
          Edit…
        </button>
      </div>
      <MemoryDiagram memory={memory} />
      <table className="plain-table memory-settings">
        <caption>Memory settings</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Allowed range</th>
          </tr>
        </thead>
        <tbody>
          {settings.map((setting) => (
            <tr key={setting.label}>
              <th scope="row">{setting.label}</th>
              <td>{formatBytes(setting.bytes)}</td>
              <td>{rangeText(setting)}</td>
            </tr>
          ))}
          {memory.actual !== null && (
            <tr>
              <th scope="row">Current memory</th>
              <td>{formatBytes(memory.actual)}</td>
              <td>between the dynamic minimum and maximum</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="tab-note">
        XAPI requires static minimum ≤ dynamic minimum ≤ dynamic maximum ≤ static maximum.{' '}
        {memory.ballooning
          ? `Dynamic memory control may move ${vm.is_a_template ? 'a VM made from this template' : 'this VM'} between its dynamic minimum and maximum.`
          : `This ${vm.is_a_template ? 'template' : 'VM'} has a fixed memory size.`}
      </p>
      {!memory.consistent && (
        <p className="error" role="alert">
          These settings are out of order: XAPI will refuse to start {vm.is_a_template ? 'a VM made from this template' : 'the VM'} until they are corrected.
        </p>
      )}
    </div>
  );
}

/**
 * XenCenter's memory diagram: the track is the static range (0 to static maximum), hatched below the static
 * minimum, the dynamic range shaded (a bar of its own width when it is a single value), the current value marked.
 * Values are written at the ends and in the legend, never squeezed between marks that may coincide.
 */
function MemoryDiagram({ memory }: { memory: VmMemory }) {
  const scale = Math.max(memory.staticMax.bytes, memory.actual ?? 0);
  const dynamicText = memory.ballooning ? `Dynamic range ${formatBytes(memory.dynamicMin.bytes)} to ${formatBytes(memory.dynamicMax.bytes)}` : `Fixed at ${formatBytes(memory.dynamicMax.bytes)}`;
  const currentText = memory.actual === null ? null : `Current ${formatBytes(memory.actual)}`;
  const label = [dynamicText, `static maximum ${formatBytes(memory.staticMax.bytes)}`, currentText].filter(Boolean).join('; ');
  return (
    <figure className="memory-diagram" role="img" aria-label={label}>
      <div className="memory-track">
        <span className="memory-static-min" style={{ width: at(memory.staticMin.bytes, scale) }} />
        <span className="memory-dynamic" style={{ left: `min(${at(memory.dynamicMin.bytes, scale)}, calc(100% - 6px))`, width: `calc(${at(memory.dynamicMax.bytes, scale)} - ${at(memory.dynamicMin.bytes, scale)})` }} />
        {memory.actual !== null && <span className="memory-actual" style={{ left: at(memory.actual, scale) }} />}
      </div>
      <div className="memory-ends" aria-hidden="true">
        <span>0</span>
        <span>{formatBytes(scale)}</span>
      </div>
      <figcaption className="memory-legend" aria-hidden="true">
        <span>
          <span className="legend-swatch memory-static-min-swatch" /> Below static minimum ({formatBytes(memory.staticMin.bytes)})
        </span>
        <span>
          <span className="legend-swatch memory-dynamic-swatch" /> {dynamicText}
        </span>
        {currentText && (
          <span>
            <span className="legend-swatch memory-actual-swatch" /> {currentText}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

const vmUseColumns: readonly TableColumn<VmMemoryUse>[] = [
  { id: 'name', header: 'VM', width: 200, grow: 3, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'memory', header: 'Memory', width: 110, align: 'end', cell: (row) => formatBytes(row.bytes), sortValue: (row) => row.bytes },
];

function hostSplit(memory: HostMemory) {
  const vmBytes = Math.max(0, memory.used - memory.xen - memory.controlDomain);
  return [
    { label: 'Xen', bytes: memory.xen, tone: 'seg-xen' },
    { label: 'Control domain', bytes: memory.controlDomain, tone: 'seg-dom0' },
    { label: 'VMs', bytes: vmBytes, tone: 'seg-vms' },
    { label: 'Free', bytes: memory.free, tone: 'seg-free' },
  ];
}

function HostMemoryView({ host }: { host: XapiRecord<'host'> }) {
  const memory = useMirror((index) => hostMemory(index, host), [host]);
  const segments = hostSplit(memory);
  return (
    <div className="memory-tab">
      <UsageBar segments={segments} total={memory.total} label={`${formatBytes(memory.used)} of ${formatBytes(memory.total)} used (${formatPercent(memory.used, memory.total)})`} />
      <dl className="memory-legend-list">
        {segments.map((segment) => (
          <div key={segment.label} className="property-row">
            <dt>
              <span className={`legend-swatch ${segment.tone}`} aria-hidden="true" /> {segment.label}
            </dt>
            <dd>{formatBytes(segment.bytes)}</dd>
          </div>
        ))}
        <div className="property-row">
          <dt>Total</dt>
          <dd>{formatBytes(memory.total)}</dd>
        </div>
      </dl>
      <h2 className="property-group-title">VMs using this server's memory</h2>
      <VirtualTable
        label="VMs using this server's memory"
        columns={vmUseColumns}
        rows={memory.vms}
        rowKey={(row) => row.vmId}
        maxVisibleRows={12}
        initialSort={{ columnId: 'memory', direction: 'descending' }}
        emptyText="No VMs are running on this server."
        onActivate={(row) => goTo(`vm:${row.vmId}`)}
      />
    </div>
  );
}

interface HostMemoryRow {
  readonly host: XapiRecord<'host'>;
  readonly name: string;
  readonly memory: HostMemory;
}

const hostColumns: readonly TableColumn<HostMemoryRow>[] = [
  { id: 'name', header: 'Server', width: 180, grow: 2, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'usage', header: 'Usage', width: 160, grow: 2, cell: (row) => <UsageCell used={row.memory.used} size={row.memory.total} />, sortValue: (row) => (row.memory.total > 0 ? row.memory.used / row.memory.total : null) },
  { id: 'used', header: 'Used', width: 100, align: 'end', cell: (row) => formatBytes(row.memory.used), sortValue: (row) => row.memory.used },
  { id: 'free', header: 'Free', width: 100, align: 'end', cell: (row) => formatBytes(row.memory.free), sortValue: (row) => row.memory.free },
  { id: 'total', header: 'Total', width: 100, align: 'end', cell: (row) => formatBytes(row.memory.total), sortValue: (row) => row.memory.total },
  { id: 'vms', header: 'VMs', width: 60, align: 'end', cell: (row) => String(row.memory.vms.length), sortValue: (row) => row.memory.vms.length },
];

function PoolMemoryView({ pool }: { pool: XapiRecord<'pool'> }) {
  const rows = useMirror(
    (index) => objectsOfType(index, 'host', pool.$pool).sort(byName).map((host) => ({ host, name: nameOf(host), memory: hostMemory(index, host) })),
    [pool.$pool],
  );
  return (
    <div className="memory-tab">
      <VirtualTable label="Server memory" columns={hostColumns} rows={rows} rowKey={(row) => row.host.$id} maxVisibleRows={16} onActivate={(row) => goTo(keyForObject(row.host))} />
    </div>
  );
}
