import { describe, expect, it } from 'vitest';
import { buildInfrastructureView } from './infrastructure-view.js';
import { buildObjectsView } from './objects-view.js';
import { buildTagsView } from './tags-view.js';
import { changeFields, fixtureIndex, fixturePools, obj, outline, vm } from './tree-fixture.js';
import { viewInput } from './view-input.js';

const input = (showDefaultTemplates = false, index = fixtureIndex()) => viewInput(index, fixturePools, showDefaultTemplates);

describe('Infrastructure view', () => {
  it('puts hosts under their pool (master first), running VMs and local SRs under their host, the rest under the pool', () => {
    expect(outline(buildInfrastructureView(input()))).toEqual([
      'Lab',
      '  host-2',
      '    paused',
      '  host-10',
      '    vm-2',
      '    vm-10',
      '    Local storage',
      '  halted',
      '  orphan',
      '  suspended',
      '  custom-template',
      '  NFS',
      'Backup site',
    ]);
  });

  it('keys rows by what they select and leaves out default templates (unless asked), snapshots, dom0 and hidden plumbing', () => {
    const [lab] = buildInfrastructureView(input());
    expect(lab!.key).toBe('pool:p1');
    expect(lab!.objectId).toBe('pool1');
    expect(lab!.children.map((node) => node.key)).toEqual(['host:h2', 'host:h1', 'vm:halted', 'vm:orphan', 'vm:suspended', 'template:custom-template', 'sr:nfs']);
    expect(outline(buildInfrastructureView(input())).join('\n')).not.toContain('default-template');
    // View › Show Default Templates lists them here too, as in XenCenter.
    const names = outline(buildInfrastructureView(input(true)));
    expect(names).toContain('  default-template');
    for (const hidden of ['snap', 'dom0', 'XCP-ng Tools', 'Host internal management network']) expect(names.join('\n')).not.toContain(hidden);
  });

  it('moves a VM from the pool to its host when it starts, and names a pool by its address until it is mirrored', () => {
    const started = changeFields(fixtureIndex(), { halted: { power_state: 'Running', resident_on: 'h2' } });
    const [lab] = buildInfrastructureView(input(false, started));
    expect(outline(lab!.children[0]!.children)).toEqual(['halted', 'paused']);
    const unnamed = viewInput(fixtureIndex([]), [{ poolId: 'p1', label: '', address: '10.0.0.1' }], false);
    expect(outline(buildInfrastructureView(unnamed))).toEqual(['10.0.0.1']);
  });
});

describe('Objects view', () => {
  it('groups every object by kind across pools, with custom templates only unless asked', () => {
    expect(outline(buildObjectsView(input()))).toEqual([
      'Pools',
      '  Lab',
      '  Backup site',
      'Servers',
      '  host-2',
      '  host-10',
      'VMs',
      '  halted',
      '  orphan',
      '  paused',
      '  suspended',
      '  vm-2',
      '  vm-10',
      'Templates',
      '  custom-template',
      'Storage',
      '  Local storage',
      '  NFS',
      'Networks',
      '  Pool-wide network associated with eth0',
    ]);
    const templates = buildObjectsView(input(true)).find((group) => group.name === 'Templates')!;
    expect(outline(templates.children)).toEqual(['custom-template', 'default-template']);
    expect(templates.key).toBe('group:objects:templates');
  });

  it('leaves out empty groups', () => {
    const index = fixtureIndex([vm('only')]);
    expect(outline(buildObjectsView(viewInput(index, [], false)))).toEqual(['VMs', '  only']);
  });
});

describe('Tags view', () => {
  it('has a group per tag, by name, with the tagged objects by kind then name, and the untagged objects last', () => {
    expect(outline(buildTagsView(input()))).toEqual([
      'prod',
      '  Lab',
      '  host-2',
      '  vm-10',
      'web',
      '  halted',
      '  vm-10',
      'Untagged',
      '  Backup site',
      '  host-10',
      '  orphan',
      '  paused',
      '  suspended',
      '  vm-2',
      '  custom-template',
      '  Local storage',
      '  NFS',
      '  Pool-wide network associated with eth0',
    ]);
  });

  it('gives an object under two tags two row ids and one selection key', () => {
    const groups = buildTagsView(input());
    const rows = groups.flatMap((group) => group.children).filter((node) => node.key === 'vm:vm-10');
    expect(rows.map((node) => node.rowId)).toEqual(['tag:prod/vm:vm-10', 'tag:web/vm:vm-10']);
    const rowIds = groups.flatMap((group) => [group.rowId, ...group.children.map((node) => node.rowId)]);
    expect(new Set(rowIds).size).toBe(rowIds.length);
  });

  it('lists no untagged group when everything is tagged', () => {
    const index = fixtureIndex([obj('host', 'h', { name_label: 'h', tags: ['a'] }), vm('v', { tags: ['a', 'a'] })]);
    expect(outline(buildTagsView(viewInput(index, [], false)))).toEqual(['a', '  h', '  v']);
  });
});
