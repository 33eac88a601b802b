import { describe, expect, it } from 'vitest';
import { ancestorsOfKey, filterNodes, flattenTree, queryWords } from './flatten-tree.js';
import { buildInfrastructureView } from './infrastructure-view.js';
import { buildTagsView } from './tags-view.js';
import { fixtureIndex, fixturePools, outline } from './tree-fixture.js';
import { viewInput } from './view-input.js';

const infrastructure = buildInfrastructureView(viewInput(fixtureIndex(), fixturePools, false));
const none = new Set<string>();

describe('flattenTree', () => {
  it('lists every row in display order with its level, place among its siblings and parent', () => {
    const { rows } = flattenTree(infrastructure, none);
    expect(rows.map((row) => `${row.level} ${row.node.name} ${row.posInSet}/${row.setSize}`).slice(0, 5)).toEqual([
      '1 Lab 1/2',
      '2 host-2 1/7',
      '3 paused 1/1',
      '2 host-10 2/7',
      '3 vm-2 1/3',
    ]);
    expect(rows.map((row) => row.expanded).slice(0, 3)).toEqual([true, true, undefined]);
    expect(rows[2]!.parent).toBe(1);
    expect(rows[1]!.parent).toBe(0);
    expect(rows[0]!.parent).toBe(-1);
    expect(rows.at(-1)!.node.name).toBe('Backup site');
    expect(rows.at(-1)!.expanded).toBeUndefined();
  });

  it('hides the rows under a collapsed branch, which stays in the list as collapsed', () => {
    const flat = flattenTree(infrastructure, new Set(['host:h1']));
    expect(flat.rows.map((row) => row.node.name)).not.toContain('vm-2');
    const host = flat.rows[flat.indexOf('host:h1')]!;
    expect(host.expanded).toBe(false);
    expect(flat.rows[flat.indexOf('host:h1') + 1]!.node.name).toBe('halted');
    expect(flat.indexOf('vm:vm-2')).toBe(-1);
  });
});

describe('filterNodes', () => {
  const names = (query: string) => outline(filterNodes(infrastructure, queryWords(query)));

  it('keeps matches with their ancestors, ignoring case', () => {
    expect(names('VM-1')).toEqual(['Lab', '  host-10', '    vm-10']);
    expect(names('  ')).toEqual(outline(infrastructure));
    expect(filterNodes(infrastructure, [])).toBe(infrastructure);
  });

  it('matches tags and UUIDs, and needs every word', () => {
    expect(names('web')).toEqual(['Lab', '  host-10', '    vm-10', '  halted']);
    expect(names('uuid-orphan')).toEqual(['Lab', '  orphan']);
    expect(names('web halt')).toEqual(['Lab', '  halted']);
  });

  it('shows a matching branch without its unmatched children, and nothing when nothing matches', () => {
    expect(names('host-10')).toEqual(['Lab', '  host-10']);
    expect(names('no such thing')).toEqual([]);
  });

  it('never matches a group by its own name', () => {
    const tags = buildTagsView(viewInput(fixtureIndex(), fixturePools, false));
    expect(outline(filterNodes(tags, queryWords('untagged')))).toEqual([]);
    expect(outline(filterNodes(tags, queryWords('prod')))).toEqual(['prod', '  Lab', '  host-2', '  vm-10', 'web', '  vm-10']);
  });
});

describe('ancestorsOfKey', () => {
  it('gives the row ids to unfold to reach an object, or null', () => {
    expect(ancestorsOfKey(infrastructure, 'vm:vm-2')).toEqual(['pool:p1', 'host:h1']);
    expect(ancestorsOfKey(infrastructure, 'pool:p2')).toEqual([]);
    expect(ancestorsOfKey(infrastructure, 'vm:dom0')).toBeNull();
  });
});
