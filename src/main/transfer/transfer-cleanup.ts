import type { Xapi } from 'xen-api';
import { isOfType, type LooseXapiObject, type XapiClass, type XapiRecord } from '../../shared/xapi/objects.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { JournalObject, TransferRecord, TransferSide } from './transfer-journal.js';

/** other_config key Xenith puts on a placeholder VM: the transfer it belongs to (found even without its ref). */
export const transferMarkerKey = 'xenith_transfer';

/** other_config / sm_config key XAPI puts on what an import creates (import.ml: Xapi_globs.import_task). */
const importTaskKey = 'import_task';

/** Codes that mean "already gone": nothing left to remove. */
const goneCodes = new Set(['HANDLE_INVALID', 'UUID_INVALID']);

function isGone(error: unknown): boolean {
  return goneCodes.has(String((error as { code?: unknown } | null)?.code));
}

/** Runs a removal; an object already gone counts as removed. */
async function removing(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One pool as the clean-up reaches it: its client and its mirrored objects. */
export interface CleanupAccess {
  client: Xapi;
  mirror: ObjectMirror;
  poolId: string;
}

interface Found {
  tasks: Set<string>;
  vms: Set<string>;
  vdis: Set<string>;
  networks: Set<string>;
}

/** Objects of the pool with `class` whose record passes `match`. */
function mirrored<C extends XapiClass>(access: CleanupAccess, cls: C, match: (object: XapiRecord<C>) => boolean): string[] {
  return [...access.mirror.ofType(cls, access.poolId)].filter(match).map((object) => object.$id);
}

function configOf(object: LooseXapiObject, field: string): Record<string, unknown> {
  const value = object[field];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The refs of one journalled object: its ref when known, else whatever of its class carries its unique name. */
function refsOf(access: CleanupAccess, object: JournalObject): string[] {
  if (object.ref) return [object.ref];
  if (object.role === 'placeholder') return [];
  return mirrored(access, object.cls, (candidate) => candidate.name_label === object.name);
}

/** What an import task made: the VMs of its result and anything tagged with it or with the transfer. */
async function importLeftovers(access: CleanupAccess, taskRef: string, transferId: string, found: Found): Promise<void> {
  try {
    const result = await access.client.call<string>('task.get_result', taskRef);
    for (const ref of String(result).match(/OpaqueRef:[^<\s]+/g) ?? []) found.vms.add(ref);
  } catch {
    // The task is gone (destroyed, or the pool restarted): the tags below still find what it made.
  }
  for (const vm of mirrored(access, 'VM', (object) => configOf(object, 'other_config')[importTaskKey] === taskRef || Object.hasOwn(configOf(object, 'current_operations'), taskRef))) found.vms.add(vm);
  for (const vdi of mirrored(access, 'VDI', (object) => configOf(object, 'sm_config')[importTaskKey] === taskRef)) found.vdis.add(vdi);
  for (const network of mirrored(access, 'network', (object) => configOf(object, 'other_config')[importTaskKey] === taskRef)) found.networks.add(network);
  for (const vm of mirrored(access, 'VM', (object) => configOf(object, 'other_config')[transferMarkerKey] === transferId)) found.vms.add(vm);
}

/** Cancels a task that still runs and waits (bounded) for the pool to finish undoing it. */
async function stopTask(client: Xapi, taskRef: string): Promise<void> {
  let status: string;
  try {
    status = await client.call<string>('task.get_status', taskRef);
  } catch (error) {
    if (isGone(error)) return;
    throw error;
  }
  if (status !== 'pending') return;
  await client.call('task.cancel', taskRef).catch(() => {});
  for (let waited = 0; waited < 30_000; waited += 200) {
    await sleep(200);
    const now = await client.call<string>('task.get_status', taskRef).catch(() => 'gone');
    if (now !== 'pending' && now !== 'cancelling') return;
  }
}

/** The disk VDIs of a VM (CDs belong to their ISO library and stay). */
async function diskVdisOf(client: Xapi, vmRef: string): Promise<string[]> {
  const vbds = await client.call<string[]>('VM.get_VBDs', vmRef);
  const vdis: string[] = [];
  for (const vbd of vbds) {
    const record = await client.call<{ type: string; VDI: string }>('VBD.get_record', vbd).catch(() => null);
    if (record && record.type !== 'CD' && record.VDI && record.VDI !== 'OpaqueRef:NULL') vdis.push(record.VDI);
  }
  return vdis;
}

/** Removes a VM and its disks (halting it first if someone started it). */
async function removeVm(client: Xapi, vmRef: string): Promise<boolean> {
  let vdis: string[];
  try {
    const state = await client.call<string>('VM.get_power_state', vmRef);
    if (state !== 'Halted') await client.call('VM.hard_shutdown', vmRef);
    vdis = await diskVdisOf(client, vmRef);
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
  await removing(() => client.call('VM.destroy', vmRef));
  for (const vdi of vdis) await removing(() => client.call('VDI.destroy', vdi));
  return true;
}

/** Destroys a network the import created, unless something uses it now. */
async function removeNetworkIfUnused(client: Xapi, networkRef: string): Promise<boolean> {
  try {
    const vifs = await client.call<string[]>('network.get_VIFs', networkRef);
    if (vifs.length > 0) return false;
    await client.call('network.destroy', networkRef);
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

/** What a clean-up removed, for the log and the task panel. */
export interface CleanupReport {
  vms: number;
  vdis: number;
  tasks: number;
  networks: number;
}

/**
 * Removes what an unfinished transfer left on one of its pools: its tasks (cancelled first, so the pool undoes
 * what they were doing), the import's placeholder VM and disks, the export snapshot and its clone, networks the
 * import created, and — for a move whose copy was verified — the source VM. Objects already gone count as removed.
 * Used when a transfer fails or is cancelled, and after a crash (at start-up or when a pool reconnects).
 */
export async function removeTransferLeftovers(record: TransferRecord, side: TransferSide, access: CleanupAccess): Promise<CleanupReport> {
  const report: CleanupReport = { vms: 0, vdis: 0, tasks: 0, networks: 0 };
  const found: Found = { tasks: new Set(), vms: new Set(), vdis: new Set(), networks: new Set() };
  const objects = record.objects.filter((object) => object.side === side);
  for (const object of objects) {
    for (const ref of refsOf(access, object)) (object.cls === 'task' ? found.tasks : object.cls === 'VDI' ? found.vdis : found.vms).add(ref);
  }
  // Tasks first: a cancelled import or snapshot is undone by the pool itself, and a VM still importing cannot be destroyed.
  for (const taskRef of found.tasks) await stopTask(access.client, taskRef);
  for (const object of objects) {
    if (object.role !== 'import-task') continue;
    for (const taskRef of refsOf(access, object)) await importLeftovers(access, taskRef, record.transferId, found);
  }
  if (side === 'target' && objects.some((object) => object.role === 'placeholder')) {
    for (const vm of mirrored(access, 'VM', (object) => configOf(object, 'other_config')[transferMarkerKey] === record.transferId)) found.vms.add(vm);
  }
  if (side === 'source' && record.deleteSource) found.vms.add(record.sourceVmRef);
  for (const vmRef of found.vms) {
    const vdis = await diskVdisOf(access.client, vmRef).catch(() => []);
    if (await removeVm(access.client, vmRef)) {
      report.vms++;
      report.vdis += vdis.length;
    }
  }
  for (const vdi of found.vdis) {
    try {
      await access.client.call('VDI.destroy', vdi);
      report.vdis++;
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
  for (const network of found.networks) if (await removeNetworkIfUnused(access.client, network)) report.networks++;
  for (const taskRef of found.tasks) {
    try {
      await access.client.call('task.destroy', taskRef);
      report.tasks++;
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
  return report;
}

/** Whether a VM record is the placeholder of `transferId` (for callers that hold a mirrored object). */
export function isTransferPlaceholder(object: LooseXapiObject | undefined, transferId: string): boolean {
  return isOfType(object, 'VM') && object.other_config[transferMarkerKey] === transferId;
}
