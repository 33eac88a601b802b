import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectOf } from '../../store/mirror-read.js';
import { isOnHost, isUserVm } from './object-kinds.js';
import { isListedTemplate } from './objects-view.js';
import { objectNode, poolNode, type TreeNode } from './tree-node.js';
import type { ViewInput } from './view-input.js';

interface HostBucket {
  readonly host: XapiRecord<'host'>;
  readonly children: TreeNode[];
}

interface PoolBucket {
  readonly hosts: HostBucket[];
  readonly vms: TreeNode[];
  readonly templates: TreeNode[];
  readonly srs: TreeNode[];
}

/** The host an SR is local to: not shared and plugged (PBD) into exactly one host; null otherwise. */
export function localHostOf(sr: XapiRecord<'SR'>, index: ObjectIndex): string | null {
  if (sr.shared === true) return null;
  let host: string | null = null;
  for (const pbdId of sr.PBDs) {
    const pbdHost = objectOf(index, 'PBD', pbdId)?.host;
    if (pbdHost === undefined) continue;
    if (host !== null && host !== pbdHost) return null;
    host = pbdHost;
  }
  return host;
}

/**
 * XenCenter's Infrastructure view: pools → hosts (master first) → the running and paused VMs on each and its
 * local SRs; halted and suspended VMs, custom templates (and default ones when View › Show Default Templates is
 * on) and shared SRs sit under the pool.
 */
export function buildInfrastructureView(input: ViewInput): TreeNode[] {
  const buckets = new Map<string, PoolBucket>(input.pools.map((pool) => [pool.poolId, { hosts: [], vms: [], templates: [], srs: [] }]));
  const hostBuckets = new Map<string, HostBucket>();

  for (const host of input.sorted('host')) {
    const bucket = buckets.get(host.$pool);
    if (!bucket) continue;
    const entry = { host, children: [] };
    const isMaster = input.poolObject(host.$pool)?.master === host.$id;
    if (isMaster) bucket.hosts.unshift(entry);
    else bucket.hosts.push(entry);
    hostBuckets.set(host.$id, entry);
  }
  for (const vm of input.sorted('VM')) {
    const bucket = buckets.get(vm.$pool);
    if (!bucket) continue;
    if (isUserVm(vm)) {
      const onHost = isOnHost(vm) ? hostBuckets.get(vm.resident_on) : undefined;
      (onHost ? onHost.children : bucket.vms).push(objectNode(vm));
    } else if (isListedTemplate(vm, input.showDefaultTemplates)) bucket.templates.push(objectNode(vm));
  }
  for (const sr of input.sorted('SR')) {
    const bucket = buckets.get(sr.$pool);
    if (!bucket) continue;
    const localHost = localHostOf(sr, input.index);
    const onHost = localHost === null ? undefined : hostBuckets.get(localHost);
    (onHost ? onHost.children : bucket.srs).push(objectNode(sr));
  }

  return input.pools.map((pool) => {
    const bucket = buckets.get(pool.poolId)!;
    const children = [...bucket.hosts.map(({ host, children: hostChildren }) => objectNode(host, hostChildren)), ...bucket.vms, ...bucket.templates, ...bucket.srs];
    return poolNode(pool.poolId, input.poolName(pool), input.poolObject(pool.poolId), children);
  });
}
