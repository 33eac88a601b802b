import type { FileJob, FileSource } from '../../shared/api/methods/files.js';
import { ApiFailure } from '../api/failure.js';
import { runFileImport } from '../files/file-import-run.js';
import type { FileDeps } from '../files/file-services.js';
import { importSource } from '../files/import-source.js';
import { importOva, importOvfFolder } from '../files/ovf-import.js';
import { importXva } from '../files/xva-import.js';
import { ByteReader } from '../formats/byte-reader.js';
import { detectImport } from '../formats/detect-import.js';
import type { OvfVm } from '../formats/ovf-descriptor.js';
import { JobXapi } from '../jobs/job-xapi.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { completeNetworkMap, recordOf, targetSr, type VmVif } from '../transfer/transfer-plan.js';
import { mirrorNamer, poolClient, quoted, startPoolJob } from './action-context.js';

/** What vm.importFile is asked. */
export interface VmImportFileInput {
  poolId: string;
  srId: string;
  storageMap?: Record<string, string> | undefined;
  networkMap?: Record<string, string> | undefined;
  homeHostId?: string | undefined;
  source: FileSource;
  start?: boolean | undefined;
}

/** Each interface's network: the one chosen, else the pool's network of the same name, else its management network. */
function networksFor(deps: FileDeps, poolId: string, nics: readonly { id: string; networkName: string }[], chosen: Record<string, string>): Record<string, string> {
  const vifs: VmVif[] = nics.map((nic) => ({ vifRef: nic.id, device: nic.id, networkRef: '', networkName: nic.networkName }));
  const known = Object.fromEntries(Object.entries(chosen).filter(([id]) => nics.some((nic) => nic.id === id)));
  return completeNetworkMap(deps.mirror, vifs, poolId, known);
}

/** Checks what the call names before any job starts: an SR per disk and networks of the pool, a server of it. */
function checkTargets(deps: FileDeps, input: VmImportFileInput): void {
  poolClient(deps.pools, input.poolId);
  targetSr(deps.mirror, input.srId, input.poolId);
  for (const srId of Object.values(input.storageMap ?? {})) targetSr(deps.mirror, srId, input.poolId);
  for (const networkId of Object.values(input.networkMap ?? {})) {
    const network = recordOf(deps.mirror, networkId, 'network', 'network');
    if (network.$pool !== input.poolId) throw new ApiFailure('VALIDATION', `The network '${network.name_label}' is not in the pool the VM goes to.`, { params: [networkId] });
  }
  if (input.homeHostId) {
    const host = recordOf(deps.mirror, input.homeHostId, 'host', 'server');
    if (host.$pool !== input.poolId) throw new ApiFailure('VALIDATION', `The server ${quoted(host)} is not in the pool the VM goes to.`, { params: [host.$id] });
  }
}

/**
 * vm.importFile: XenCenter's Import for XVA (plain, gzip, zstd), OVA and OVF (with its disk files beside it), from a
 * file chosen in the desktop's Open dialog or a browser's upload. The format is told from the file's first bytes;
 * everything streams (no temporary copy), everything is verified on the way, and the VM stays a start-blocked
 * placeholder until it has all arrived. Starts the VM when asked.
 */
export function runVmImportFile(deps: FileDeps, input: VmImportFileInput): FileJob {
  checkTargets(deps, input);
  const source = importSource(deps.files, input.source);
  const [pool] = deps.mirror.ofType('pool', input.poolId);
  const title = `Importing VM from ${source.name}${pool?.name_label ? ` to pool '${pool.name_label}'` : ''}`;
  const jobId = startPoolJob(deps, { poolId: input.poolId, title, action: 'vm.importFile', objectIds: [], cancellable: true }, async (_xapi, job) => {
    const vmRef = await runFileImport(deps, job, source, input.poolId, async (context) => {
      const { opened, progress } = context;
      const reader = new ByteReader(progress.counted(opened.stream));
      const detected = detectImport(await reader.peek(512), source.name);
      const chosen = input.networkMap ?? {};
      if (detected.format === 'xva') {
        return importXva(deps, context, reader, detected.compression, {
          poolId: input.poolId,
          srRef: input.srId,
          fileName: source.name,
          networks: (description) => networksFor(deps, input.poolId, description.nics.map((nic) => ({ id: nic.device, networkName: nic.networkName })), chosen),
        });
      }
      const request = {
        poolId: input.poolId,
        srRef: input.srId,
        storageMap: input.storageMap ?? {},
        homeHostRef: input.homeHostId ?? null,
        networks: (ovf: OvfVm) => networksFor(deps, input.poolId, ovf.nics.map((nic, index) => ({ id: String(index), networkName: nic.network })), chosen),
      };
      if (detected.format === 'ova') return importOva(deps, context, reader, request);
      if (!source.sibling) throw new ApiFailure('VALIDATION', 'An OVF descriptor needs its disk files beside it: in the browser, import an OVA (the OVF and its disks in one file) instead.');
      return importOvfFolder(deps, context, reader.rest(), source.name, source.sibling, request);
    });
    job.setResult(vmRef);
    const client = poolClient(deps.pools, input.poolId);
    if (input.homeHostId) await client.call('VM.set_affinity', vmRef, input.homeHostId).catch(() => {});
    if (input.start) {
      try {
        await new JobXapi(() => poolClient(deps.pools, input.poolId), deps.watcher, job).task('VM.start', [vmRef, false, false]);
      } catch (error) {
        const reason = describePoolError(error, input.poolId, mirrorNamer(deps.mirror));
        throw new ApiFailure(reason.code, `The VM was imported and kept, but it could not start: ${reason.message}`, { params: reason.params ?? [], poolId: input.poolId });
      }
    }
  });
  return { jobIds: [jobId], link: source.link };
}
