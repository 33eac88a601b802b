import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { parseSelectionKey } from '../tree/tree-ui-store.js';
import { follow, nameOf, objectOf, objectsOfType } from '../../store/mirror-read.js';

/** The kinds of tree row the details pane knows. */
export type SubjectKind = 'vm' | 'template' | 'host' | 'pool' | 'sr' | 'network' | 'group';

/** The tabs, by the names the tab strip shows. */
export type TabName = 'General' | 'Memory' | 'Storage' | 'Networking' | 'NICs' | 'Console' | 'Performance' | 'Snapshots' | 'Updates' | 'Search';

/** The XAPI class of the object each kind of row shows. */
const classOfKind = { vm: 'VM', template: 'VM', host: 'host', pool: 'pool', sr: 'SR', network: 'network' } as const;

type ObjectKind = keyof typeof classOfKind;

/** A row showing one object: its kind, its selection key (`vm:<ref>`, `pool:<poolId>`) and the object. */
type ObjectSubject<K extends ObjectKind> = K extends ObjectKind
  ? { readonly kind: K; readonly key: string; readonly object: XapiRecord<(typeof classOfKind)[K]> }
  : never;

/**
 * What the details pane is showing: the selected row's kind and, unless it is a grouping row (`group:<…>`), its
 * object (for a pool row, the XAPI `pool` object of that Xenith pool). Narrow on `kind` to read the object.
 */
export type DetailsSubject = ObjectSubject<ObjectKind> | { readonly kind: 'group'; readonly key: string; readonly object?: undefined };

/**
 * Tabs in XenCenter's order, each only where it applies. Console is for VMs and hosts only, Performance for VMs,
 * hosts and pools, Snapshots for VMs, Updates for hosts and pools; Search is last for every kind.
 */
const tabsByKind: Record<SubjectKind, readonly TabName[]> = {
  vm: ['General', 'Memory', 'Storage', 'Networking', 'Console', 'Performance', 'Snapshots', 'Search'],
  template: ['General', 'Memory', 'Storage', 'Networking', 'Search'],
  host: ['General', 'Memory', 'Storage', 'Networking', 'NICs', 'Console', 'Performance', 'Updates', 'Search'],
  pool: ['General', 'Memory', 'Storage', 'Networking', 'Performance', 'Updates', 'Search'],
  sr: ['General', 'Storage', 'Search'],
  network: ['General', 'Search'],
  group: ['Search'],
};

export function tabsFor(kind: SubjectKind): readonly TabName[] {
  return tabsByKind[kind];
}

function isSubjectKind(kind: string): kind is SubjectKind {
  return Object.hasOwn(tabsByKind, kind);
}

/** The XAPI `pool` object of one Xenith pool (pool rows are keyed by Xenith's pool id, not a ref). */
export function poolObjectOf(index: ObjectIndex, poolId: string): XapiRecord<'pool'> | undefined {
  return objectsOfType(index, 'pool', poolId)[0];
}

/** Resolves the tree's selection key against the mirror; null when nothing (known) is selected. */
export function resolveSubject(key: string | null, index: ObjectIndex): DetailsSubject | null {
  const parsed = parseSelectionKey(key);
  if (!key || !parsed || !isSubjectKind(parsed.kind)) return null;
  if (parsed.kind === 'group') return { kind: 'group', key };
  const kind = parsed.kind;
  const object = kind === 'pool' ? poolObjectOf(index, parsed.id) : objectOf(index, classOfKind[kind], parsed.id);
  return object ? ({ kind, key, object } as DetailsSubject) : null;
}

const objectGroupNames: Record<string, string> = {
  pools: 'Pools',
  servers: 'Servers',
  vms: 'VMs',
  templates: 'Templates',
  storage: 'Storage',
  networks: 'Networks',
};

/** The title of a grouping row's details: the tag, or the kind of objects it gathers. */
export function groupTitle(key: string): string {
  const rest = key.replace(/^group:/, '');
  if (rest.startsWith('tag:')) return rest.slice('tag:'.length);
  if (rest === 'untagged') return 'Untagged';
  return objectGroupNames[rest.replace(/^objects:/, '')] ?? rest;
}

/**
 * The name the title shows: the object's name; for a pool without one, its master's (as XenCenter names such a
 * pool); for a grouping row, its tag or kind.
 */
export function subjectTitle(index: ObjectIndex, subject: DetailsSubject): string {
  const object = subject.object;
  if (!object) return groupTitle(subject.key);
  const name = nameOf(object);
  if (name) return name;
  if (subject.kind === 'pool') return nameOf(follow(index, subject.object.master), 'Unnamed pool');
  return object.$id;
}

/** What kind of thing the title names, under the name ("Server", "VM"…). */
export function subjectTypeLabel(subject: DetailsSubject): string {
  if (subject.kind === 'group') return subject.key.startsWith('group:tag:') ? 'Tag' : 'Group';
  const labels: Record<Exclude<SubjectKind, 'group'>, string> = { vm: 'VM', template: 'Template', host: 'Server', pool: 'Pool', sr: 'Storage', network: 'Network' };
  return labels[subject.kind];
}
