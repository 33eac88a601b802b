// Export and import through files: a 10 GiB VM (half of its disk holds synthetic data) against, in the same run and
// the same simulator:
//   - export to an XVA file by Xenith (every chunk verified as it streams, written under a temporary name, renamed)
//     vs a raw Node HTTPS GET of /export into a file: target ≥ 0.9;
//   - import of that file by Xenith (verified as it streams into a placeholder) vs a raw HTTPS PUT of it to /import:
//     target ≥ 0.9;
//   - import of an OVA holding the same disk as a streamOptimized VMDK (made by qemu-img, packed by GNU tar), each
//     grain inflated and sent as sparse chunks, vs the XVA import of it (disk bytes per second);
//   - the server's RSS growth through all of it: target < 100 MB.
// The simulator runs in its own process. Files go to a scratch directory on disk (not /tmp), checked for free space
// first and removed at the end, whatever happens.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Job } from '../src/shared/api/job-schema.js';
import type { PoolSummary } from '../src/shared/api/pool-schema.js';
import type { Logger } from '../src/main/logging/logger.js';
import { createSessionSecretStore } from '../src/main/secrets/secret-store.js';
import { createServer } from '../src/main/server.js';
import { printRatio } from './report.js';
import { startSimProcess } from './support/sim-process.js';
import { dumpOf, getStream, prepareBigVm, putImport, watchRss } from './support/sim-http.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const MB = 1e6;
/** The VM's disk size (XENITH_BENCH_GIB for a quick look at a smaller one). */
const diskGiB = Number(process.env.XENITH_BENCH_GIB ?? 10);

/** Writes a raw disk as a sparse file: all-zero MiB left as holes (qemu-img then reads only what holds data). */
async function saveSparse(body: Readable, path: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    let offset = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      const block = Buffer.concat(pending, pendingBytes);
      if (block.some((byte) => byte !== 0)) await file.write(block, 0, block.length, offset);
      offset += block.length;
      pending = [];
      pendingBytes = 0;
    };
    for await (const piece of body) {
      pending.push(piece as Buffer);
      pendingBytes += (piece as Buffer).length;
      if (pendingBytes >= MiB) await flush();
    }
    if (pendingBytes > 0) await flush();
    await file.truncate(offset);
  } finally {
    await file.close();
  }
}

/** A hand-written OVF for one disk of `capacity` bytes held in `href` (streamOptimized VMDK). */
function ovfFor(href: string, capacity: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
  <References><File ovf:href="${href}" ovf:id="file1"/></References>
  <DiskSection><Info>Disks</Info><Disk ovf:capacity="${capacity}" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/></DiskSection>
  <VirtualSystem ovf:id="bench-ova">
    <Info>A VM</Info><Name>bench-ova</Name>
    <VirtualHardwareSection><Info>Hardware</Info>
      <Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>2048</rasd:VirtualQuantity></Item>
      <Item><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

const scratch = join(homedir(), '.cache', 'xenith-bench-files');
mkdirSync(scratch, { recursive: true });
// The XVA (half the disk), the sparse raw copy and the VMDK (half each), the OVA (half): room for three halves at once.
const needed = 2 * diskGiB * GiB;
const { bavail, bsize } = statfsSync(scratch);
if (bavail * bsize < needed) {
  rmSync(scratch, { recursive: true, force: true });
  console.error(`bench/files needs ${(needed / GiB).toFixed(0)} GiB free in ${scratch}; there are ${((bavail * bsize) / GiB).toFixed(1)} GiB. Try XENITH_BENCH_GIB=1.`);
  process.exit(1);
}
const sim = await startSimProcess(['--hosts', '1', '--vms', '3', '--seed', '33', '--base-address', '127.0.2.240']);
const dataDir = join(scratch, 'data');
mkdirSync(dataDir, { recursive: true });
/** The export's own streaming time (the job's adds the task, the journal and the renaming around it). */
const streamSeconds: number[] = [];
const quiet: Logger = {
  info: (message, fields) => {
    if (message === 'VM exported to a file') streamSeconds.push(Number(fields?.streamSeconds));
  },
  warn: (message, fields) => console.warn(message, fields),
  error: (message, fields) => console.error(message, fields),
};
const server = createServer({ secrets: createSessionSecretStore(), paths: { dataDir }, logger: quiet, host: { mode: 'serve', version: 'bench', electron: null } });
try {
  const waiters = new Map<string, (job: Job) => void>();
  const client = server.connectClient({
    send(event) {
      if (event.event === 'trust.request') void client.dispatch('trust.decide', { requestId: (event.payload as { requestId: string }).requestId, accept: true });
      if (event.event === 'jobs.changed') {
        const { job } = event.payload as { job: Job };
        if (['succeeded', 'failed', 'cancelled'].includes(job.state)) waiters.get(job.jobId)?.(job);
      }
    },
    backlogBytes: () => 0,
  });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await client.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.output as T;
  };
  /** The server's RSS growth during each export and import it ran (the benchmark's own baselines not counted). */
  const rssGrowths: number[] = [];
  const runJob = async (method: string, input: unknown): Promise<{ job: Job; seconds: number }> => {
    const stopRss = watchRss();
    const started = performance.now();
    const { jobIds } = await call<{ jobIds: string[] }>(method, input);
    const job = await new Promise<Job>((resolve) => waiters.set(jobIds[0]!, resolve));
    const seconds = (performance.now() - started) / 1000;
    if (method !== 'vm.delete') rssGrowths.push(stopRss());
    else stopRss();
    if (job.state !== 'succeeded') throw new Error(`${method} ended ${job.state}: ${job.error?.code} ${job.error?.message}`);
    return { job, seconds };
  };
  const { poolId } = await call<PoolSummary>('pool.add', { address: new URL(sim.info.masterUrl).host, user: 'root', password: 'xenith', save: false });
  const { vmRef, vdiRef } = await prepareBigVm(sim, diskGiB);
  const dump = await dumpOf(sim);
  const srRef = String(Object.values(dump.tables.pool ?? {})[0]!.default_SR);
  const originalVms = new Set(Object.keys(dump.tables.VM ?? {}));
  /** Removes what an import made (the VM and its disks, through Xenith), so every run starts alike. */
  const removeImported = async () => {
    const now = await dumpOf(sim);
    for (const [ref] of Object.entries(now.tables.VM ?? {})) {
      if (originalVms.has(ref)) continue;
      const vdis = Object.values(now.tables.VBD ?? {}).filter((vbd) => vbd.VM === ref && vbd.type === 'Disk').map((vbd) => String(vbd.VDI));
      // The mirror may trail the pool by an event: a VM it does not know yet is retried once.
      for (let attempt = 0; attempt < 2; attempt++) {
        const ok = await runJob('vm.delete', { vmId: ref, deleteVdiIds: vdis, deleteSnapshotIds: [] }).then(() => true, () => false);
        if (ok) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const xva = join(scratch, 'vm.xva');
  const handle = (path: string, mode: 'save' | 'open') => ({ kind: 'handle' as const, handle: server.issueFileHandle({ path, mode }) });

  // Export: Xenith and the raw GET take turns, twice; each keeps its best run.
  const exportRaw = async () => {
    const started = performance.now();
    const copy = join(scratch, 'raw.xva');
    await pipeline(await getStream(`${sim.info.masterUrl}/export?ref=${vmRef}&use_compression=false`), createWriteStream(copy));
    const seconds = (performance.now() - started) / 1000;
    rmSync(copy, { force: true });
    return seconds;
  };
  const exportXenith = async () => {
    const { seconds } = await runJob('vm.exportFile', { vmId: vmRef, compression: 'none', target: handle(xva, 'save') });
    return seconds;
  };
  const exports = { xenith: [await exportXenith()], raw: [await exportRaw()] };
  exports.xenith.push(await exportXenith());
  exports.raw.push(await exportRaw());
  const xvaBytes = statSync(xva).size;

  // Import of the file Xenith wrote last (it stays for both runs), the same way.
  const importRaw = async () => {
    const started = performance.now();
    await putImport(sim, srRef, createReadStream(xva), xvaBytes);
    const seconds = (performance.now() - started) / 1000;
    await removeImported();
    return seconds;
  };
  const importXenith = async () => {
    const { seconds } = await runJob('vm.importFile', { poolId, srId: srRef, source: handle(xva, 'open') });
    await removeImported();
    return seconds;
  };
  const imports = { xenith: [await importXenith()], raw: [await importRaw()] };
  imports.xenith.push(await importXenith());
  imports.raw.push(await importRaw());
  rmSync(xva, { force: true });

  // The same disk as a streamOptimized VMDK in an OVA: its raw bytes saved sparse, converted by qemu-img, packed by GNU tar.
  const raw = join(scratch, 'disk.raw');
  await saveSparse(await getStream(`${sim.info.masterUrl}/export_raw_vdi?vdi=${vdiRef}&format=raw`), raw);
  const vmdkStarted = performance.now();
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'vmdk', '-o', 'subformat=streamOptimized', raw, join(scratch, 'disk.vmdk')]);
  const vmdkSeconds = (performance.now() - vmdkStarted) / 1000;
  rmSync(raw, { force: true });
  writeFileSync(join(scratch, 'bench.ovf'), ovfFor('disk.vmdk', diskGiB * GiB));
  execFileSync('tar', ['-cf', 'bench.ova', 'bench.ovf', 'disk.vmdk'], { cwd: scratch });
  rmSync(join(scratch, 'disk.vmdk'), { force: true });
  const ovaBytes = statSync(join(scratch, 'bench.ova')).size;
  const ovaRuns: number[] = [];
  for (let run = 0; run < 2; run++) {
    const { seconds } = await runJob('vm.importFile', { poolId, srId: srRef, source: handle(join(scratch, 'bench.ova'), 'open') });
    ovaRuns.push(seconds);
    await removeImported();
  }
  const rssGrowth = Math.max(...rssGrowths);

  const diskBytes = diskGiB * GiB;
  const xvaLabel = `${diskGiB} GiB VM (${(xvaBytes / GiB).toFixed(2)} GiB XVA)`;
  printRatio(`${xvaLabel} exported to a file by Xenith (verified, renamed at the end), throughput vs a raw HTTPS GET into a file`, xvaBytes / MB / Math.min(...exports.xenith), xvaBytes / MB / Math.min(...exports.raw), 'MB/s', '≥ 0.9');
  printRatio(`${xvaLabel} imported from the file by Xenith (verified, into a placeholder), throughput vs a raw HTTPS PUT of it`, xvaBytes / MB / Math.min(...imports.xenith), xvaBytes / MB / Math.min(...imports.raw), 'MB/s', '≥ 0.9');
  printRatio(`The same disk as an OVA (${(ovaBytes / GiB).toFixed(2)} GiB, streamOptimized VMDK made by qemu-img in ${vmdkSeconds.toFixed(0)} s), disk bytes per second imported vs the XVA import`, diskBytes / MB / Math.min(...ovaRuns), diskBytes / MB / Math.min(...imports.xenith), 'MB/s');
  console.log(`The export's streaming itself took ${Math.min(...streamSeconds).toFixed(1)} s of the best job's ${Math.min(...exports.xenith).toFixed(1)} s (the rest: the pool's task, the journal, the renaming)`);
  console.log(`Server RSS growth during an export or import (the largest of ${rssGrowths.length}): ${(rssGrowth / MB).toFixed(1)} MB (target < 100 MB)`);
} finally {
  await server.close();
  sim.stop();
  rmSync(scratch, { recursive: true, force: true });
}
