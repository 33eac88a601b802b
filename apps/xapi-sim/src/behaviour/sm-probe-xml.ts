/**
 * The XML documents SM drivers answer probes with (pretty-printed as Python's minidom does, values on their own
 * lines): the iSCSI targets of a portal, the LUNs of a target, the exports of an NFS server, and the SR list.
 */
import type { IscsiLun, IscsiTarget } from './storage-world.js';

type Node = [name: string, content: string | number | Node[]];

function render(node: Node, depth: number): string {
  const pad = '\t'.repeat(depth);
  const [name, content] = node;
  if (Array.isArray(content)) {
    if (content.length === 0) return `${pad}<${name}/>\n`;
    return `${pad}<${name}>\n${content.map((child) => render(child, depth + 1)).join('')}${pad}</${name}>\n`;
  }
  return `${pad}<${name}>\n${pad}\t${escapeXml(String(content))}\n${pad}</${name}>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function document(root: Node): string {
  return `<?xml version="1.0" ?>\n${render(root, 0)}`;
}

/** SR_BACKEND_FAILURE_96's details: every target of the portal, then `*` (all of them) when there are several. */
export function targetsXml(address: string, targets: readonly IscsiTarget[]): string {
  const iqns = targets.map((t) => t.iqn);
  if (iqns.length > 1) iqns.push('*');
  return document(['iscsi-target-iqns', iqns.map((iqn, index): Node => ['TGT', [['Index', index], ['IPAddress', address], ['TargetIQN', iqn]]])]);
}

/** SR_BACKEND_FAILURE_107's details: the target's LUNs with their inquiry data. */
export function lunsXml(luns: readonly IscsiLun[]): string {
  return document(['iscsi-target', luns.map((l): Node => ['LUN', [['vendor', l.vendor], ['serial', l.serial], ['LUNid', l.id], ['size', l.size], ['SCSIid', l.scsiId]]])]);
}

/** SR_BACKEND_FAILURE_101's details: the NFS server's exports. */
export function exportsXml(server: string, exports: readonly string[]): string {
  return document(['nfs-exports', exports.map((path): Node => ['Export', [['Target', server], ['Path', path], ['Accesslist', '*']]])]);
}

/** SR.probe's answer: the SRs found at the location (none: an empty list). */
export function srListXml(srs: readonly { uuid: string; size?: number }[]): string {
  return document(['SRlist', srs.map((sr): Node => ['SR', [['UUID', sr.uuid], ...(sr.size !== undefined ? [['Size', sr.size] as Node] : [])]])]);
}
