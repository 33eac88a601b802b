import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { isOnHost } from '../tree/object-kinds.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { keyForObject } from '../tree/tree-ui-store.js';
import { formatBytes, formatDuration, formatPercent, parseXapiTime } from './format.js';
import { inMaintenanceMode, srTypeText } from './general-infra.js';
import { hostMemory } from './memory-model.js';
import type { SubjectKind } from './details-subject.js';
import { follow, followAll, nameOf } from '../../store/mirror-read.js';
import { vmAddresses } from './networking-rows.js';
import type { SearchObject } from './search-scope.js';
import { vmDiskRows } from './storage-rows.js';

/** A cell's text and the key it sorts by (null: nothing to show, sorts last). */
export interface SearchCell {
  readonly text: string;
  readonly value: string | number | null;
}

/** One object in a Search tab, every column worked out once per mirror change. */
export interface SearchRow {
  readonly id: string;
  /** The tree selection key Go To selects. */
  readonly key: string;
  /** What the row's icon shows. */
  readonly kind: SubjectKind;
  readonly powerState: string | null;
  readonly name: string;
  readonly typeLabel: string;
  readonly state: string;
  readonly cpu: SearchCell;
  readonly memory: SearchCell;
  readonly disks: SearchCell;
  readonly network: string;
  readonly address: string;
  readonly uptime: SearchCell;
  readonly description: string;
  readonly tags: string;
  readonly uuid: string;
}

const empty: SearchCell = { text: '', value: null };

function cell(text: string, value: string | number | null): SearchCell {
  return { text, value };
}

function uptimeCell(since: number | null, nowMs: number): SearchCell {
  if (since === null) return empty;
  const seconds = Math.max(0, nowMs / 1000 - since);
  return cell(formatDuration(seconds), seconds);
}

function baseRow(object: SearchObject, kind: SubjectKind, typeLabel: string): SearchRow {
  return {
    id: object.$id,
    key: keyForObject(object),
    kind,
    powerState: null,
    name: nameOf(object, object.$id),
    typeLabel,
    state: '',
    cpu: empty,
    memory: empty,
    disks: empty,
    network: '',
    address: '',
    uptime: empty,
    description: object.name_description,
    tags: object.tags.join(', '),
    uuid: object.uuid,
  };
}

function vmRow(index: ObjectIndex, vm: XapiRecord<'VM'>, nowMs: number): SearchRow {
  const template = vm.is_a_template === true;
  const running = isOnHost(vm);
  const metrics = follow(index, vm.metrics);
  const disks = vmDiskRows(index, vm).filter((disk) => disk.kind === 'Disk');
  const diskBytes = disks.reduce((sum, disk) => sum + (disk.size ?? 0), 0);
  const vcpus = vm.VCPUs_at_startup;
  const actual = running ? (metrics?.memory_actual ?? 0) : 0;
  const addresses = running ? vmAddresses(index, vm) : [];
  return {
    ...baseRow(vm, template ? 'template' : 'vm', template ? 'Template' : 'VM'),
    powerState: template ? null : vm.power_state,
    state: template ? '' : vm.power_state,
    cpu: cell(`${vcpus} vCPU${vcpus === 1 ? '' : 's'}`, vcpus),
    memory: actual > 0 ? cell(formatBytes(actual), actual) : empty,
    disks: disks.length > 0 ? cell(`${formatBytes(diskBytes)} (${disks.length} disk${disks.length === 1 ? '' : 's'})`, diskBytes) : empty,
    network: addresses.join(', '),
    address: addresses[0] ?? '',
    uptime: running ? uptimeCell(parseXapiTime(metrics?.start_time), nowMs) : empty,
  };
}

function hostState(index: ObjectIndex, host: XapiRecord<'host'>): string {
  if (follow(index, host.metrics)?.live === false) return 'Unreachable';
  if (inMaintenanceMode(host)) return 'Maintenance mode';
  return host.enabled ? 'Enabled' : 'Disabled';
}

function hostRow(index: ObjectIndex, host: XapiRecord<'host'>, nowMs: number): SearchRow {
  const cpus = followAll(index, host.host_CPUs);
  const load = cpus.length > 0 ? cpus.reduce((sum, cpu) => sum + cpu.utilisation, 0) / cpus.length : null;
  const count = Number(host.cpu_info.cpu_count) || cpus.length;
  const memory = hostMemory(index, host);
  const management = followAll(index, host.PIFs)
    .map((pif) => pif.IP)
    .filter(Boolean);
  return {
    ...baseRow(host, 'host', 'Server'),
    state: hostState(index, host),
    cpu: load === null ? cell(`${count} CPUs`, null) : cell(`${formatPercent(load, 1)} of ${count} CPUs`, load),
    memory: memory.total > 0 ? cell(`${formatBytes(memory.used)} of ${formatBytes(memory.total)}`, memory.used) : empty,
    network: management.join(', '),
    address: host.address,
    uptime: uptimeCell(parseXapiTime(host.other_config.boot_time), nowMs),
  };
}

function srRow(index: ObjectIndex, sr: XapiRecord<'SR'>): SearchRow {
  const size = sr.physical_size;
  const used = sr.physical_utilisation;
  const pbds = followAll(index, sr.PBDs);
  const attached = pbds.filter((pbd) => pbd.currently_attached).length;
  return {
    ...baseRow(sr, 'sr', 'Storage'),
    state: `${srTypeText(sr)}, ${sr.shared ? 'shared' : 'local'}${pbds.length > 0 && attached < pbds.length ? ', unplugged' : ''}`,
    disks: size > 0 ? cell(`${formatBytes(used)} of ${formatBytes(size)} (${formatPercent(used, size)})`, used) : empty,
  };
}

/** A Search row for any object the scope lists. */
export function searchRow(index: ObjectIndex, object: SearchObject, nowMs: number): SearchRow {
  switch (object.$type) {
    case 'VM':
      return vmRow(index, object, nowMs);
    case 'host':
      return hostRow(index, object, nowMs);
    case 'SR':
      return srRow(index, object);
    case 'network':
      return { ...baseRow(object, 'network', 'Network'), state: `MTU ${object.MTU}` };
    case 'pool':
      return baseRow(object, 'pool', 'Pool');
  }
}

/** Each row's searchable text, lowercased once: rows keep their identity while the mirror does not change them. */
const haystacks = new WeakMap<SearchRow, string>();

function haystackOf(row: SearchRow): string {
  let haystack = haystacks.get(row);
  if (haystack === undefined) {
    haystack = [row.name, row.typeLabel, row.state, row.network, row.address, row.description, row.tags, row.uuid].join('\n').toLowerCase();
    haystacks.set(row, haystack);
  }
  return haystack;
}

/** Rows whose text (name, type, state, addresses, description, tags, UUID) contains every word of the filter. */
export function filterRows(rows: readonly SearchRow[], filter: string): readonly SearchRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const haystack = haystackOf(row);
    return words.every((word) => haystack.includes(word));
  });
}
