import type { XapiObject } from '../../../shared/xapi/objects.js';
import { hostStateText } from '../tree/object-kinds.js';

/** One kind of object in a multi-selection: how many, and how many in each state. */
export interface SummaryGroup {
  readonly kind: string;
  readonly count: number;
  readonly states: readonly { readonly state: string; readonly count: number }[];
}

const kindOrder = ['Pool', 'Server', 'VM', 'Template', 'Storage', 'Network', 'Other'];

function kindAndState(object: XapiObject): [string, string | null] {
  switch (object.$type) {
    case 'VM':
      return object.is_a_template ? ['Template', null] : ['VM', object.power_state];
    case 'host':
      return ['Server', hostStateText(object) ?? 'Enabled'];
    case 'pool':
      return ['Pool', null];
    case 'SR':
      return ['Storage', object.shared ? 'Shared' : 'Local'];
    case 'network':
      return ['Network', null];
    default:
      return ['Other', null];
  }
}

/** What a multi-selection holds, by kind (pools, servers, VMs…) and state, in XenCenter's order of kinds. */
export function summarizeSelection(objects: readonly XapiObject[]): SummaryGroup[] {
  const groups = new Map<string, Map<string, number>>();
  const counts = new Map<string, number>();
  for (const object of objects) {
    const [kind, state] = kindAndState(object);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const states = groups.get(kind) ?? new Map<string, number>();
    if (state !== null) states.set(state, (states.get(state) ?? 0) + 1);
    groups.set(kind, states);
  }
  return kindOrder
    .filter((kind) => counts.has(kind))
    .map((kind) => ({
      kind,
      count: counts.get(kind)!,
      states: [...groups.get(kind)!].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
    }));
}

/** "3 VMs", "1 server": a count with its noun. */
export function countOf(count: number, kind: string): string {
  const noun = kind === 'Storage' ? (count === 1 ? 'storage repository' : 'storage repositories') : `${kind.toLowerCase()}${count === 1 ? '' : 's'}`;
  return `${count} ${kind === 'VM' ? (count === 1 ? 'VM' : 'VMs') : noun}`;
}
