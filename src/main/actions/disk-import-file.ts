import type { FileJob, FileSource } from '../../shared/api/methods/files.js';
import { ApiFailure } from '../api/failure.js';
import { uploadDisk } from '../files/disk-upload.js';
import { runFileImport } from '../files/file-import-run.js';
import type { FileDeps } from '../files/file-services.js';
import { importSource } from '../files/import-source.js';
import { ByteReader } from '../formats/byte-reader.js';
import { formatFromName, openDiskImage } from '../formats/open-disk-image.js';
import { createJournalled, transferObjectName } from '../transfer/transfer-steps.js';
import { findObject, poolClient, quoted, startPoolJob } from './action-context.js';

/** A new VDI's record as VDI.create takes it (a user disk, read-write, not shared). */
export function newVdiRecord(srRef: string, name: string, description: string, virtualSize: number): Record<string, unknown> {
  return { name_label: name, name_description: description, SR: srRef, virtual_size: virtualSize, type: 'user', sharable: false, read_only: false, other_config: {}, xenstore_data: {}, sm_config: {}, tags: [] };
}

/** A disk image's name without its extension (`web-01.vmdk` → `web-01`). */
export function diskNameOf(fileName: string): string {
  return fileName.replace(/\.(vmdk|vhd|img|raw|bin)$/i, '') || fileName;
}

/** The SR a disk goes to: of a connected pool, able to hold disks. */
export function diskSr(deps: FileDeps, srId: string) {
  const sr = findObject(deps.mirror, srId, 'SR');
  if (sr.content_type === 'iso') throw new ApiFailure('VALIDATION', `${quoted(sr)} is an ISO library; it cannot hold virtual disks. Choose another storage repository.`, { params: [srId] });
  poolClient(deps.pools, sr.$pool);
  return sr;
}

/**
 * disk.importFile: one disk image (VHD fixed or dynamic, VMDK monolithicSparse or streamOptimized, raw) becomes a
 * new VDI on the SR, read as it streams and sent as sparse chunks: its size comes from the image's own header.
 */
export function runDiskImportFile(deps: FileDeps, input: { srId: string; source: FileSource; name?: string | undefined }): FileJob {
  const sr = diskSr(deps, input.srId);
  const source = importSource(deps.files, input.source);
  const name = input.name ?? diskNameOf(source.name);
  const jobId = startPoolJob(deps, { poolId: sr.$pool, title: `Importing disk '${name}' to ${quoted(sr)}`, action: 'disk.importFile', objectIds: [sr.$id], cancellable: true }, async (_xapi, job) => {
    const vdi = await runFileImport(deps, job, source, sr.$pool, async ({ transferId, opened, progress, signal }) => {
      const image = await openDiskImage(new ByteReader(progress.counted(opened.stream)), opened.size, formatFromName(source.name));
      const client = poolClient(deps.pools, sr.$pool);
      const vdiName = transferObjectName(transferId, 'Disk', name);
      const vdiRef = await createJournalled(deps, transferId, { side: 'target', role: 'vdi', cls: 'VDI', name: vdiName }, () =>
        client.call<string>('VDI.create', newVdiRecord(sr.$id, vdiName, `Imported from ${source.name} (${image.variant})`, image.virtualSize)),
      );
      await uploadDisk(deps, { transferId, poolId: sr.$pool, srRef: sr.$id, vdiRef, taskName: transferObjectName(transferId, 'Upload', name), extents: image.extents(), signal, settleMs: deps.transfers.importSettleMs });
      await client.call('VDI.set_name_label', vdiRef, name);
      return vdiRef;
    });
    job.setResult(vdi);
  });
  return { jobIds: [jobId], link: source.link };
}
