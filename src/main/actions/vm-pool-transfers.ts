import { randomBytes } from 'node:crypto';
import { XenithErrorCode, type ApiError } from '../../shared/api/errors.js';
import type { CopyToPoolInput, MigrateToPoolInput, MigrationCheck } from '../../shared/api/methods/vm-transfer.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobControl } from '../jobs/job-registry.js';
import { JobXapi } from '../jobs/job-xapi.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { PinnedHttpsAgent } from '../trust/pinned-tls.js';
import { prepareStorageMotion, releaseReceiveToken, runStorageMotion, type StorageMotionRequest } from '../transfer/storage-motion.js';
import { streamVmBetweenPools } from '../transfer/stream-copy.js';
import type { TransferDeps } from '../transfer/transfer-deps.js';
import { completeNetworkMap, hostSeesSr, managementNetwork, poolMaster, recordOf, targetSr, transferableVm, vmDisks, vmVifs } from '../transfer/transfer-plan.js';
import { mirrorNamer, poolClient, quoted, startPoolJob } from './action-context.js';

/** The pool's name as the tree shows it. */
function poolLabel(deps: TransferDeps, poolId: string): string {
  return deps.pools.list().find((pool) => pool.poolId === poolId)?.label || poolId;
}

/** A target pool other than the VM's, and connected. */
function assertOtherConnectedPool(deps: TransferDeps, vm: XapiRecord<'VM'>, poolId: string): void {
  if (poolId === vm.$pool) throw new ApiFailure(XenithErrorCode.validation, `${quoted(vm)} is already in this pool: use Copy VM or Migrate within the pool.`, { params: [poolId] });
  poolClient(deps.pools, poolId);
}

function newTransferId(): string {
  return randomBytes(8).toString('hex');
}

/** Whether a refusal of storage motion leaves streaming possible (a halted VM can always be streamed). */
function describeRefusal(deps: TransferDeps, error: unknown, poolId: string): ApiError {
  if (error instanceof ApiFailure) return error.apiError;
  return describePoolError(error, poolId, mirrorNamer(deps.mirror));
}

/** A destination host for a copy onto `srRef`: the master if it sees the SR, else a live enabled member that does. */
function copyTargetHost(deps: TransferDeps, poolId: string, srRef: string): XapiRecord<'host'> | undefined {
  const master = poolMaster(deps.mirror, poolId);
  if (master && hostSeesSr(deps.mirror, master.$id, srRef)) return master;
  return [...deps.mirror.ofType('host', poolId)].find((host) => host.enabled && hostSeesSr(deps.mirror, host.$id, srRef));
}

/** Logs out a receive token's session on the destination pool, once it will not be used. */
function releaser(deps: TransferDeps, poolId: string): (dest: Record<string, string>) => Promise<void> {
  return async (dest) => {
    const endpoint = deps.pools.has(poolId) ? deps.pools.connection(poolId).master : null;
    if (!endpoint) return;
    const agent = new PinnedHttpsAgent(deps.transfers.pins);
    try {
      await releaseReceiveToken(endpoint, agent, dest);
    } finally {
      agent.destroy();
    }
  };
}

/** Asks XAPI whether storage motion can take the VM; returns the receive token, or XAPI's refusal. */
async function tryStorageMotion(deps: TransferDeps, request: StorageMotionRequest): Promise<{ dest: Record<string, string> } | { refused: ApiError }> {
  try {
    const dest = await prepareStorageMotion(poolClient(deps.pools, request.vm.$pool), poolClient(deps.pools, request.targetPoolId), request, releaser(deps, request.targetPoolId));
    return { dest };
  } catch (error) {
    return { refused: describeRefusal(deps, error, request.targetPoolId) };
  }
}

/** Starts the copy on the destination when asked; the copy stays when the start fails, and the job says so. */
async function startIfAsked(deps: TransferDeps, job: JobControl, poolId: string, vmRef: string, start: boolean | undefined): Promise<void> {
  if (!start) return;
  const target = new JobXapi(() => poolClient(deps.pools, poolId), deps.watcher, job);
  try {
    await target.task('VM.start', [vmRef, false, false]);
  } catch (error) {
    const reason = describePoolError(error, poolId, mirrorNamer(deps.mirror));
    throw new ApiFailure(reason.code, `The copy arrived and was kept, but it could not start: ${reason.message}`, { params: reason.params ?? [], poolId });
  }
}

/**
 * vm.copyToPool: a halted VM is copied host to host by storage motion (VM.migrate_send with `copy`) when XAPI
 * accepts it; a running VM, or one XAPI refuses to copy that way, is streamed through Xenith. The job's title
 * and its transfer say which.
 */
export function runVmCopyToPool(deps: TransferDeps, input: CopyToPoolInput): string {
  const vm = transferableVm(deps.mirror, input.vmId);
  assertOtherConnectedPool(deps, vm, input.targetPoolId);
  const sr = targetSr(deps.mirror, input.srId, input.targetPoolId);
  const networkMap = completeNetworkMap(deps.mirror, vmVifs(deps.mirror, vm.$id), input.targetPoolId, input.networkMap);
  const name = input.name ?? vm.name_label;
  const title = `Copying VM ${quoted(vm)} to pool '${poolLabel(deps, input.targetPoolId)}'`;
  return startPoolJob(deps, { poolId: vm.$pool, title, action: 'vm.copyToPool', objectIds: [vm.$id], cancellable: true }, async (_xapi, job) => {
    const host = copyTargetHost(deps, input.targetPoolId, sr.$id);
    const transferNetwork = host ? managementNetwork(deps.mirror, host.$id) : null;
    let newVm: string | null = null;
    if (vm.power_state === 'Halted' && host && transferNetwork) {
      const vdiMap = Object.fromEntries(vmDisks(deps.mirror, vm.$id).map((disk) => [disk.vdiRef, sr.$id]));
      const request: StorageMotionRequest = { vm, targetPoolId: input.targetPoolId, targetHostRef: host.$id, transferNetworkRef: transferNetwork, vdiMap, vifMap: networkMap, copy: true };
      const motion = await tryStorageMotion(deps, request);
      if ('dest' in motion) {
        job.setTitle(`${title} (storage motion)`);
        newVm = await runStorageMotion(deps, request, motion.dest, job);
        if (name !== vm.name_label) await poolClient(deps.pools, input.targetPoolId).call('VM.set_name_label', newVm, name);
      } else {
        deps.transfers.logger.info('storage motion refused; streaming instead', { vm: vm.$id, code: motion.refused.code });
      }
    }
    if (newVm === null) {
      job.throwIfCancelled();
      job.setTitle(`${title} (streamed)`);
      newVm = await streamVmBetweenPools(deps, { transferId: newTransferId(), action: 'copy', vm, name, targetPoolId: input.targetPoolId, srRef: sr.$id, networkMap, compression: input.compression ?? 'none' }, job);
    }
    job.setResult(newVm);
    await startIfAsked(deps, job, input.targetPoolId, newVm, input.start);
  });
}

/** The migrate request, checked: every disk to an SR and every VIF to a network of the destination pool. */
function migrationRequest(deps: TransferDeps, input: MigrateToPoolInput): StorageMotionRequest {
  const vm = transferableVm(deps.mirror, input.vmId);
  const host = recordOf(deps.mirror, input.targetHostId, 'host', 'server');
  assertOtherConnectedPool(deps, vm, host.$pool);
  const disks = vmDisks(deps.mirror, vm.$id);
  for (const disk of disks) {
    if (!input.storageMap[disk.vdiRef]) throw new ApiFailure(XenithErrorCode.validation, `Choose a destination storage repository for the disk '${disk.name}'.`, { params: [disk.vdiRef] });
  }
  for (const [vdiRef, srRef] of Object.entries(input.storageMap)) {
    if (!disks.some((disk) => disk.vdiRef === vdiRef)) throw new ApiFailure(XenithErrorCode.validation, `${vdiRef} is not a disk of VM ${quoted(vm)}.`, { params: [vdiRef] });
    targetSr(deps.mirror, srRef, host.$pool);
  }
  const vifs = vmVifs(deps.mirror, vm.$id);
  for (const vif of vifs) {
    if (!input.networkMap[vif.vifRef]) throw new ApiFailure(XenithErrorCode.validation, `Choose a destination network for interface ${vif.device}.`, { params: [vif.vifRef] });
  }
  const vifMap = completeNetworkMap(deps.mirror, vifs, host.$pool, input.networkMap);
  const transferNetworkRef = input.transferNetworkId ?? managementNetwork(deps.mirror, host.$id);
  if (!transferNetworkRef) throw new ApiFailure(XenithErrorCode.validation, `The server ${quoted(host)} has no management interface: choose a transfer network.`, { params: [host.$id] });
  const network = recordOf(deps.mirror, transferNetworkRef, 'network', 'network');
  if (network.$pool !== host.$pool) throw new ApiFailure(XenithErrorCode.validation, `The transfer network '${network.name_label}' is not in the destination pool.`, { params: [network.$id] });
  return { vm, targetPoolId: host.$pool, targetHostRef: host.$id, transferNetworkRef, vdiMap: { ...input.storageMap }, vifMap, copy: false };
}

/**
 * Whether a refused move can be streamed instead: a halted VM without snapshots (a streamed move deletes the
 * source, and snapshots cannot follow it) whose disks all go to one SR (one import writes into one SR).
 */
function streamableMove(request: StorageMotionRequest): string | null {
  if (request.vm.power_state !== 'Halted') return 'running';
  if (request.vm.snapshots.length > 0) return 'snapshots';
  const srs = new Set(Object.values(request.vdiMap));
  if (srs.size > 1) return 'several SRs';
  return null;
}

/** The one SR of a streamable move (or the destination's default when the VM has no disk). */
function moveSr(deps: TransferDeps, request: StorageMotionRequest): string {
  const [sr] = Object.values(request.vdiMap);
  if (sr) return sr;
  const [pool] = deps.mirror.ofType('pool', request.targetPoolId);
  return pool ? pool.default_SR : '';
}

/**
 * vm.migrateToPool: XenCenter's cross-pool Migrate. Storage motion (live for a running VM, which keeps running
 * on the destination); a halted VM XAPI refuses to move that way is streamed, and its source deleted only once
 * the copy is verified.
 */
export function runVmMigrateToPool(deps: TransferDeps, input: MigrateToPoolInput): string {
  const request = migrationRequest(deps, input);
  const { vm } = request;
  const host = recordOf(deps.mirror, request.targetHostRef, 'host', 'server');
  const title = `Migrating VM ${quoted(vm)} to ${quoted(host)} in pool '${poolLabel(deps, request.targetPoolId)}'`;
  return startPoolJob(deps, { poolId: vm.$pool, title, action: 'vm.migrateToPool', objectIds: [vm.$id], cancellable: true }, async (_xapi, job) => {
    const motion = await tryStorageMotion(deps, request);
    let newVm: string;
    if ('dest' in motion) {
      job.setTitle(`${title} (storage motion)`);
      newVm = await runStorageMotion(deps, request, motion.dest, job);
    } else {
      if (streamableMove(request) !== null) throw new ApiFailure(motion.refused.code, motion.refused.message, { params: motion.refused.params ?? [], poolId: motion.refused.poolId ?? request.targetPoolId });
      job.setTitle(`${title} (streamed)`);
      newVm = await streamVmBetweenPools(deps, { transferId: newTransferId(), action: 'move', vm, name: vm.name_label, targetPoolId: request.targetPoolId, srRef: moveSr(deps, request), networkMap: request.vifMap, compression: 'none' }, job);
      await poolClient(deps.pools, request.targetPoolId).call('VM.set_affinity', newVm, request.targetHostRef).catch(() => {});
    }
    job.setResult(newVm);
  });
}

/**
 * vm.migrationCheck: the Migrate wizard's precheck. XAPI's answer (host.migrate_receive, VM.assert_can_migrate);
 * when it refuses a halted VM that can be streamed, the VM can still go, streamed, and the reasons say why.
 */
export async function vmMigrationCheck(deps: TransferDeps, input: MigrateToPoolInput): Promise<MigrationCheck> {
  const request = migrationRequest(deps, input);
  const motion = await tryStorageMotion(deps, request);
  if ('dest' in motion) {
    // Only a check: the token's session on the destination is not needed any more.
    await releaser(deps, request.targetPoolId)(motion.dest);
    return { canMigrate: true, path: 'storage-motion', reasons: [] };
  }
  const streamable = streamableMove(request) === null;
  return { canMigrate: streamable, path: streamable ? 'streaming' : null, reasons: [motion.refused] };
}
