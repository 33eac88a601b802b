import { compareNames } from './name-order.js';
import { isUserVm, tagsOf, type TreeObject } from './object-kinds.js';
import { isListedTemplate } from './objects-view.js';
import { groupNode, objectNode, poolNode, type TreeNode } from './tree-node.js';
import type { ViewInput } from './view-input.js';

/** The group of objects that carry no tag. */
export const untaggedGroupName = 'Untagged';

/**
 * XenCenter's Tags view: a group per tag with every object carrying it (pools, servers, VMs, templates,
 * storage, networks, in that order, each by name), then the untagged objects. An object with two tags is
 * listed under both, so its rows get ids unique to their group.
 */
export function buildTagsView(input: ViewInput): TreeNode[] {
  const byTag = new Map<string, TreeNode[]>();
  const untagged: TreeNode[] = [];
  const place = (object: TreeObject | undefined, node: (rowPrefix: string) => TreeNode) => {
    const tags = tagsOf(object);
    if (tags.length === 0) untagged.push(node(''));
    for (const tag of new Set(tags)) {
      let members = byTag.get(tag);
      if (!members) byTag.set(tag, (members = []));
      members.push(node(`tag:${tag}/`));
    }
  };
  for (const pool of input.pools) {
    const object = input.poolObject(pool.poolId);
    place(object, (prefix) => poolNode(pool.poolId, input.poolName(pool), object, [], prefix));
  }
  for (const host of input.sorted('host')) place(host, (prefix) => objectNode(host, undefined, prefix));
  const vms = input.sorted('VM');
  for (const vm of vms) if (isUserVm(vm)) place(vm, (prefix) => objectNode(vm, undefined, prefix));
  for (const vm of vms) if (isListedTemplate(vm, input.showDefaultTemplates)) place(vm, (prefix) => objectNode(vm, undefined, prefix));
  for (const sr of input.sorted('SR')) place(sr, (prefix) => objectNode(sr, undefined, prefix));
  for (const network of input.sorted('network')) place(network, (prefix) => objectNode(network, undefined, prefix));

  const groups = [...byTag.keys()].sort(compareNames).map((tag) => groupNode(`tag:${tag}`, tag, byTag.get(tag)!));
  if (untagged.length > 0) groups.push(groupNode('untagged', untaggedGroupName, untagged));
  return groups;
}
