import type { Xapi } from 'xen-api';
import { poolClient } from '../actions/action-context.js';
import { ByteReader } from '../formats/byte-reader.js';
import { decompressed } from '../formats/compression.js';
import { FileDigest, parseManifest, type ManifestEntry } from '../formats/ova-manifest.js';
import { OvfError, parseOvf, type OvfDisk, type OvfVm } from '../formats/ovf-descriptor.js';
import { openDiskImage } from '../formats/open-disk-image.js';
import { readTar } from '../formats/tar-reader.js';
import { placeholderName } from '../transfer/placeholder-vm.js';
import { transferMarkerKey } from '../transfer/transfer-cleanup.js';
import { createJournalled, transferObjectName } from '../transfer/transfer-steps.js';
import { newVdiRecord } from '../actions/disk-import-file.js';
import { uploadDisk } from './disk-upload.js';
import type { ImportContext } from './file-import-run.js';
import type { FileDeps } from './file-services.js';
import type { OpenedFile } from './import-source.js';
import { ovfVmRecord, xapiMac } from './ovf-vm.js';

/** Largest OVF descriptor and manifest read. */
const maxDescriptorBytes = 16 * 1024 * 1024;

/** Where an OVF's VM goes. */
export interface OvfImportRequest {
  poolId: string;
  /** The SR a disk goes to unless `storageMap` names one for its disk id. */
  srRef: string;
  storageMap: Readonly<Record<string, string>>;
  /** Interface index → network of the pool, decided once the descriptor is read. */
  networks(ovf: OvfVm): Record<string, string>;
  homeHostRef: string | null;
}

/** The pieces of a file, each also fed to its digest. */
async function* digested(pieces: AsyncIterable<Buffer>, digest: FileDigest): AsyncGenerator<Buffer> {
  for await (const piece of pieces) {
    digest.update(piece);
    yield piece;
  }
  digest.finish();
}

/** Builds the VM an OVF describes, disk by disk as their files arrive. */
class OvfVmBuilder {
  readonly #deps: FileDeps;
  readonly #context: ImportContext;
  readonly #ovf: OvfVm;
  readonly #request: OvfImportRequest;
  readonly #labels = new Map<string, string>();
  #vmRef = '';

  constructor(deps: FileDeps, context: ImportContext, ovf: OvfVm, request: OvfImportRequest) {
    this.#deps = deps;
    this.#context = context;
    this.#ovf = ovf;
    this.#request = request;
  }

  #client(): Xapi {
    return poolClient(this.#deps.pools, this.#request.poolId);
  }

  /** The VM (a start-blocked placeholder) and its network interfaces. */
  async createVm(): Promise<void> {
    const { transferId } = this.#context;
    const name = placeholderName(this.#ovf.name);
    const client = this.#client();
    this.#vmRef = await createJournalled(this.#deps, transferId, { side: 'target', role: 'placeholder', cls: 'VM', name }, () =>
      client.call<string>('VM.create', ovfVmRecord(this.#ovf, name, transferId, this.#request.homeHostRef)),
    );
    const networks = this.#request.networks(this.#ovf);
    for (const [index, nic] of this.#ovf.nics.entries()) {
      const network = networks[String(index)];
      if (!network) continue;
      await client.call('VIF.create', {
        device: String(index), network, VM: this.#vmRef, MAC: xapiMac(nic.mac), MTU: 1500, other_config: {},
        qos_algorithm_type: '', qos_algorithm_params: {}, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [],
      });
    }
  }

  #position(disk: OvfDisk): number {
    return this.#ovf.disks.indexOf(disk);
  }

  /** A new VDI for `disk` of `size` bytes on its SR, plugged into the VM at its position. */
  async #newDisk(disk: OvfDisk, size: number, description: string): Promise<{ vdiRef: string; srRef: string }> {
    const { transferId } = this.#context;
    const position = this.#position(disk);
    const srRef = this.#request.storageMap[disk.diskId] ?? this.#request.srRef;
    const name = transferObjectName(transferId, `Disk ${position}`, this.#ovf.name);
    const client = this.#client();
    const vdiRef = await createJournalled(this.#deps, transferId, { side: 'target', role: 'vdi', cls: 'VDI', name }, () => client.call<string>('VDI.create', newVdiRecord(srRef, name, description, size)));
    this.#labels.set(vdiRef, disk.label);
    await client.call('VBD.create', {
      VM: this.#vmRef, VDI: vdiRef, userdevice: String(position), bootable: position === 0, mode: 'RW', type: 'Disk',
      unpluggable: false, empty: false, other_config: { owner: 'true' }, qos_algorithm_type: '', qos_algorithm_params: {},
    });
    return { vdiRef, srRef };
  }

  /** Reads a disk's file as it streams (gunzipped when the OVF says so), converting it on the way to the pool. */
  async importDisk(disk: OvfDisk, pieces: AsyncIterable<Buffer>, length: number | null): Promise<void> {
    const source = disk.gzipped ? decompressed(pieces, 'gzip') : pieces;
    const image = await openDiskImage(new ByteReader(source), disk.gzipped ? null : length, disk.format);
    const size = Math.max(image.virtualSize, disk.capacityBytes);
    const { vdiRef, srRef } = await this.#newDisk(disk, size, `Imported from ${disk.href ?? ''} (${image.variant})`);
    const { transferId, signal } = this.#context;
    await uploadDisk(this.#deps, {
      transferId, poolId: this.#request.poolId, srRef, vdiRef, taskName: transferObjectName(transferId, `Upload of disk ${this.#position(disk)}`, this.#ovf.name),
      extents: image.extents(), signal, settleMs: this.#deps.transfers.importSettleMs,
    });
  }

  /** The disks the OVF gives no file for: created empty, at their capacity. */
  async createEmptyDisks(): Promise<void> {
    for (const disk of this.#ovf.disks) if (disk.href === null) await this.#newDisk(disk, disk.capacityBytes, 'Created empty by the OVF import');
  }

  /** The VM is whole: its name, its disks' names, start allowed, the transfer's tag gone. */
  async finish(): Promise<string> {
    const client = this.#client();
    for (const [vdiRef, label] of this.#labels) await client.call('VDI.set_name_label', vdiRef, label);
    await client.call('VM.set_name_label', this.#vmRef, this.#ovf.name);
    await client.call('VM.remove_from_other_config', this.#vmRef, transferMarkerKey).catch(() => {});
    await client.call('VM.set_blocked_operations', this.#vmRef, {});
    return this.#vmRef;
  }
}

/** Checks every file the manifest lists and that was read against its digest. */
function checkManifest(manifest: Map<string, ManifestEntry> | null, digests: Map<string, FileDigest>): void {
  if (!manifest) return;
  for (const [file, expected] of manifest) digests.get(file)?.check(expected);
}

/** Fails on a disk whose file never came. */
function checkAllDisks(ovf: OvfVm, imported: Set<OvfDisk>): void {
  const missing = ovf.disks.filter((disk) => disk.href !== null && !imported.has(disk));
  if (missing.length > 0) throw new OvfError(`The package lacks the disk file${missing.length > 1 ? 's' : ''} ${missing.map((disk) => disk.href).join(', ')}.`);
}

/**
 * Imports an OVA as it streams: the descriptor (first), the manifest (wherever it comes), then each disk file
 * converted on the fly (VMDK, VHD, raw; gunzipped when the OVF says so) into its new VDI, every file digested on
 * the way and checked against the manifest. The VM is created from the descriptor as a placeholder first; the
 * frame (runFileImport) removes it and its disks if anything fails. Returns the VM.
 */
export async function importOva(deps: FileDeps, context: ImportContext, reader: ByteReader, request: OvfImportRequest): Promise<string> {
  const entries = readTar(reader);
  const first = await entries.next();
  if (first.done || !/\.ovf$/i.test(first.value.name)) throw new OvfError('The OVA does not start with its .ovf descriptor.');
  const descriptor = await first.value.readAll(maxDescriptorBytes);
  let manifest: Map<string, ManifestEntry> | null = null;
  const digests = new Map<string, FileDigest>();
  const descriptorDigest = new FileDigest(first.value.name, undefined);
  descriptorDigest.update(descriptor);
  digests.set(first.value.name, descriptorDigest);
  const ovf = parseOvf(descriptor.toString('utf8'));
  const builder = new OvfVmBuilder(deps, context, ovf, request);
  await builder.createVm();
  const imported = new Set<OvfDisk>();
  for await (const entry of entries) {
    if (entry.kind !== 'file') continue;
    if (/\.mf$/i.test(entry.name)) {
      manifest = parseManifest((await entry.readAll(maxDescriptorBytes)).toString('utf8'));
      continue;
    }
    const disk = ovf.disks.find((candidate) => candidate.href === entry.name && !imported.has(candidate));
    if (!disk) continue;
    const digest = new FileDigest(entry.name, manifest?.get(entry.name));
    digests.set(entry.name, digest);
    await builder.importDisk(disk, digested(entry.pieces(), digest), entry.size);
    imported.add(disk);
    // Found a damaged disk before the next one starts, when the manifest came first.
    if (manifest?.has(entry.name)) digest.check(manifest.get(entry.name)!);
  }
  checkAllDisks(ovf, imported);
  checkManifest(manifest, digests);
  await builder.createEmptyDisks();
  return builder.finish();
}

/** Reads a whole small file (a descriptor, a manifest). */
async function readSmall(source: AsyncIterable<Buffer>, what: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of source) {
    size += piece.length;
    if (size > maxDescriptorBytes) throw new OvfError(`The ${what} is larger than ${maxDescriptorBytes} bytes.`);
    pieces.push(piece);
  }
  return Buffer.concat(pieces);
}

/**
 * Imports an OVF whose disks are files beside it (the desktop's Open dialog chose the .ovf): the descriptor, the
 * manifest if there is one (`<name>.mf`), then the disks, in parallel across SRs and one at a time on each.
 */
export async function importOvfFolder(deps: FileDeps, context: ImportContext, descriptorFile: AsyncIterable<Buffer>, descriptorName: string, sibling: (name: string) => Promise<OpenedFile>, request: OvfImportRequest): Promise<string> {
  const descriptor = await readSmall(descriptorFile, 'OVF descriptor');
  const ovf = parseOvf(descriptor.toString('utf8'));
  let manifest: Map<string, ManifestEntry> | null = null;
  const manifestName = descriptorName.replace(/\.ovf$/i, '.mf');
  try {
    manifest = parseManifest((await readSmall((await sibling(manifestName)).stream as AsyncIterable<Buffer>, 'manifest')).toString('utf8'));
  } catch {
    // No manifest: nothing to check the files against (OVFs need not have one).
  }
  const digests = new Map<string, FileDigest>();
  const descriptorDigest = new FileDigest(descriptorName, manifest?.get(descriptorName));
  descriptorDigest.update(descriptor);
  digests.set(descriptorName, descriptorDigest);
  const withFiles = ovf.disks.filter((disk) => disk.href !== null);
  const files = new Map<OvfDisk, OpenedFile>();
  for (const disk of withFiles) files.set(disk, await sibling(disk.href!));
  context.progress.setSize([...files.values()].reduce((sum, file) => sum + (file.size ?? 0), 0) || null);
  const builder = new OvfVmBuilder(deps, context, ovf, request);
  await builder.createVm();
  const bySr = new Map<string, OvfDisk[]>();
  for (const disk of withFiles) {
    const sr = request.storageMap[disk.diskId] ?? request.srRef;
    bySr.set(sr, [...(bySr.get(sr) ?? []), disk]);
  }
  try {
    await Promise.all(
      [...bySr.values()].map(async (disks) => {
        for (const disk of disks) {
          const file = files.get(disk)!;
          const digest = new FileDigest(disk.href!, manifest?.get(disk.href!));
          digests.set(disk.href!, digest);
          await builder.importDisk(disk, digested(context.progress.counted(file.stream as AsyncIterable<Buffer>), digest), file.size);
        }
      }),
    );
  } finally {
    for (const file of files.values()) file.stream.destroy();
  }
  checkManifest(manifest, digests);
  await builder.createEmptyDisks();
  return builder.finish();
}
