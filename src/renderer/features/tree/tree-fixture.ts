// Test data for the tree's unit tests: a small mirror with every kind of row the views place.
import type { XapiClass, XapiObject } from '../../../shared/xapi/objects.js';
import type { XapiRecords } from '../../../shared/xapi/records.gen.js';
import { applyDeltas, type ObjectIndex } from '../../store/apply-delta.js';
import { testIndex, testRecord } from '../../testing/test-record.js';
import type { PoolEntry } from './view-input.js';

export const obj = <C extends XapiClass>($type: C, $id: string, fields: Partial<XapiRecords[C]>, $pool = 'p1') => testRecord($type, $id, fields, $pool);

export const vm = (id: string, fields: Partial<XapiRecords['VM']> = {}, pool = 'p1') =>
  obj('VM', id, { name_label: id, uuid: `uuid-${id}`, is_a_template: false, is_a_snapshot: false, is_control_domain: false, resident_on: 'OpaqueRef:NULL', power_state: 'Halted', tags: [], ...fields }, pool);

/**
 * Pool p1 "Lab" (master h2) with hosts host-10 (h1) and host-2 (h2); VMs running, paused, halted and suspended;
 * a VM on a host that is not mirrored; templates (custom, default), a snapshot and dom0; a local SR on h1, a
 * shared SR, the tools SR; a network and the hidden internal one. Pool p2 is known to Xenith but has no
 * mirrored objects (it never connected).
 */
export const fixtureObjects: XapiObject[] = [
  obj('pool', 'pool1', { name_label: 'Lab', master: 'h2', tags: ['prod'] }),
  obj('host', 'h1', { name_label: 'host-10', enabled: true, tags: [] }),
  obj('host', 'h2', { name_label: 'host-2', enabled: true, tags: ['prod'] }),
  vm('vm-10', { power_state: 'Running', resident_on: 'h1', tags: ['web', 'prod'] }),
  vm('vm-2', { power_state: 'Running', resident_on: 'h1' }),
  vm('paused', { power_state: 'Paused', resident_on: 'h2' }),
  vm('halted', { tags: ['web'] }),
  vm('suspended', { power_state: 'Suspended' }),
  vm('orphan', { power_state: 'Running', resident_on: 'unknown-host' }),
  vm('custom-template', { is_a_template: true }),
  vm('default-template', { is_a_template: true, is_default_template: true }),
  vm('snap', { is_a_template: true, is_a_snapshot: true }),
  vm('dom0', { is_control_domain: true, power_state: 'Running', resident_on: 'h1' }),
  obj('SR', 'local', { name_label: 'Local storage', shared: false, PBDs: ['pbd-local'], tags: [] }),
  obj('SR', 'nfs', { name_label: 'NFS', shared: true, PBDs: ['pbd-nfs1', 'pbd-nfs2'], tags: [] }),
  obj('SR', 'tools', { name_label: 'XCP-ng Tools', shared: true, PBDs: [], is_tools_sr: true, tags: [] }),
  obj('PBD', 'pbd-local', { host: 'h1', SR: 'local' }),
  obj('PBD', 'pbd-nfs1', { host: 'h1', SR: 'nfs' }),
  obj('PBD', 'pbd-nfs2', { host: 'h2', SR: 'nfs' }),
  obj('network', 'net0', { name_label: 'Pool-wide network associated with eth0', tags: [], other_config: {} }),
  obj('network', 'internal', { name_label: 'Host internal management network', tags: [], other_config: { is_host_internal_management_network: 'true' } }),
];

export const fixturePools: PoolEntry[] = [
  { poolId: 'p1', label: '', address: '10.0.0.1' },
  { poolId: 'p2', label: 'Backup site', address: '10.0.1.1' },
];

export function fixtureIndex(objects: readonly XapiObject[] = fixtureObjects): ObjectIndex {
  return testIndex(objects);
}

/** Applies field changes to an index, as a delta from the server would. */
export function changeFields(index: ObjectIndex, changes: Record<string, Record<string, unknown>>): ObjectIndex {
  return applyDeltas(index, [{ reset: false, added: [], removed: [], changed: Object.entries(changes).map(([$id, fields]) => ({ $id, fields })) }]);
}

/** A tree as `name[children]` lines, indented by level: easy to read in a failing assertion. */
export function outline(nodes: readonly { name: string; children: readonly unknown[] }[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.name}`, ...outline(node.children as typeof nodes, depth + 1)]);
}
