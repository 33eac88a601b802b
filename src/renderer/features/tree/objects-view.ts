import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { isDefaultTemplate, isTemplate, isUserVm } from './object-kinds.js';
import { groupNode, objectNode, poolNode, type TreeNode } from './tree-node.js';
import type { ViewInput } from './view-input.js';

/** Templates a view lists: custom ones, and the default ones too when the user asked for them. */
export function isListedTemplate(vm: XapiRecord<'VM'>, showDefaultTemplates: boolean): boolean {
  return isTemplate(vm) && (showDefaultTemplates || !isDefaultTemplate(vm));
}

/** XenCenter's Objects view: one group per kind of object, each listing that kind across every pool. */
export function buildObjectsView(input: ViewInput): TreeNode[] {
  const vms: TreeNode[] = [];
  const templates: TreeNode[] = [];
  for (const vm of input.sorted('VM')) {
    if (isUserVm(vm)) vms.push(objectNode(vm));
    else if (isListedTemplate(vm, input.showDefaultTemplates)) templates.push(objectNode(vm));
  }
  const groups: [string, string, TreeNode[]][] = [
    ['pools', 'Pools', input.pools.map((pool) => poolNode(pool.poolId, input.poolName(pool), input.poolObject(pool.poolId), []))],
    ['servers', 'Servers', input.sorted('host').map((host) => objectNode(host))],
    ['vms', 'VMs', vms],
    ['templates', 'Templates', templates],
    ['storage', 'Storage', input.sorted('SR').map((sr) => objectNode(sr))],
    ['networks', 'Networks', input.sorted('network').map((network) => objectNode(network))],
  ];
  return groups.filter(([, , children]) => children.length > 0).map(([id, name, children]) => groupNode(`objects:${id}`, name, children));
}
