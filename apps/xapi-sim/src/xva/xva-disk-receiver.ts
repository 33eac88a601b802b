/**
 * Receives the disk part of an XVA the way xapi's Stream_vdi.recv_all does: for each disk (ordered by `Ref:N`),
 * chunks named `<prefix>/<number>` with increasing numbers, each followed by its `.xxhash` (or legacy SHA-1
 * `.checksum`) file; skipped numbers are zero chunks of the first chunk's length; a disk is complete when its
 * virtual size is reached. Checksums are verified before the data is written.
 */
import { createHash } from 'node:crypto';
import type { DiskStore } from '../disk/disk-store.js';
import { xxh64Hex } from '../disk/xxhash64.js';
import { XapiError } from '../model/xapi-error.js';

export interface ReceivedDisk { prefix: string; vdiRef: string; size: number }

export class XvaDiskReceiver {
  private diskIndex = 0;
  private offset = 0;
  private lastSuffix = -1;
  private firstChunkLength = -1;
  private pendingChunk: { name: string; data: Buffer } | undefined;
  /** Disk bytes accounted for so far (written or skipped), for progress. */
  bytesDone = 0;
  readonly totalBytes: number;

  constructor(private readonly disks: ReceivedDisk[], private readonly store: DiskStore, private readonly force: boolean) {
    this.totalBytes = disks.reduce((n, d) => n + d.size, 0);
    this.skipFinished();
  }

  get complete(): boolean {
    return this.diskIndex >= this.disks.length;
  }

  private skipFinished(): void {
    while (this.diskIndex < this.disks.length && this.offset >= this.disks[this.diskIndex]!.size) {
      this.diskIndex++;
      this.offset = 0;
      this.lastSuffix = -1;
    }
  }

  /** Handles one tar member; returns false once every disk is complete. */
  onEntry(name: string, data: Buffer): boolean {
    if (this.complete) return false;
    if (this.pendingChunk) {
      this.verify(this.pendingChunk, name, data);
      const chunk = this.pendingChunk;
      this.pendingChunk = undefined;
      this.write(chunk.data);
      this.skipFinished();
      return !this.complete;
    }
    const disk = this.disks[this.diskIndex]!;
    if (!name.startsWith(`${disk.prefix}/`)) throw new XapiError('IMPORT_ERROR', [`Invalid XVA file: expected VDI chunk prefixed ${disk.prefix}; got ${name}`]);
    const suffix = name.slice(disk.prefix.length + 1);
    if (!/^\d+$/.test(suffix)) throw new XapiError('IMPORT_ERROR', [`Invalid XVA file: unexpected file ${name}`]);
    const n = Number(suffix);
    if (n <= this.lastSuffix) throw new XapiError('IMPORT_ERROR', [`Invalid XVA file: chunk ${name} does not follow chunk ${this.lastSuffix}`]);
    if (this.firstChunkLength < 0) this.firstChunkLength = data.length;
    const skipped = this.firstChunkLength * (n - this.lastSuffix - 1);
    this.offset += skipped;
    this.bytesDone += skipped;
    this.lastSuffix = n;
    this.pendingChunk = { name, data: Buffer.from(data) };
    return true;
  }

  private verify(chunk: { name: string; data: Buffer }, name: string, body: Buffer): void {
    let recomputed: string;
    if (name === `${chunk.name}.xxhash`) recomputed = xxh64Hex(chunk.data);
    else if (name === `${chunk.name}.checksum`) recomputed = createHash('sha1').update(chunk.data).digest('hex');
    else throw new XapiError('IMPORT_ERROR', [`Expected to find a supported inline checksum file, instead found a file called: ${name}`]);
    const original = body.toString('latin1').trim();
    if (original.toLowerCase() !== recomputed.toLowerCase() && !this.force) {
      throw new XapiError('IMPORT_ERROR', [`Block ${chunk.name} checksum failed: original = ${original}; recomputed = ${recomputed}`]);
    }
  }

  private write(data: Buffer): void {
    const disk = this.disks[this.diskIndex]!;
    if (this.offset + data.length > disk.size) throw new XapiError('IMPORT_ERROR', [`Invalid XVA file: chunk data goes past the end of ${disk.prefix} (${disk.size} bytes)`]);
    if (data.length > 0) this.store.writeRange(disk.vdiRef, this.offset, data);
    this.offset += data.length;
    this.bytesDone += data.length;
  }
}
