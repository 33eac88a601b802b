/**
 * A synchronous push parser writing a streamed VHD into a VDI: footer copy, dynamic header, BAT, then the allocated
 * blocks in file order (any order the BAT gives), each written where its sector bitmap says. A dynamic VHD defines
 * the whole disk (unallocated blocks read as zeros); a differencing VHD only replaces what it carries, on top of
 * the VDI's current content (its parent). Fixed VHDs (raw data then a footer) are read too.
 */
import type { DiskStore } from '../disk/disk-store.js';
import { BLOCK_SIZE } from '../disk/synthetic-content.js';
import { fail } from '../model/xapi-error.js';
import { ByteQueue } from './byte-queue.js';
import { BAT_UNUSED, bitmapBytes, DISK_TYPE, readDynamicHeader, readFooter, SECTOR, VhdFormatError, type DynamicHeader, type Footer } from './vhd-format.js';

type Step =
  | { kind: 'footer' }
  | { kind: 'header' }
  | { kind: 'bat' }
  | { kind: 'block'; index: number }
  | { kind: 'fixed' }
  | { kind: 'done' };

export class VhdReader {
  private readonly q = new ByteQueue();
  private step: Step = { kind: 'footer' };
  private footer?: Footer;
  private header?: DynamicHeader;
  /** Allocated blocks ordered by file offset. */
  private blocks: { index: number; offset: number }[] = [];
  private nextBlock = 0;
  /** Fixed VHD: bytes of disk data written so far (the trailing 512-byte footer is held back). */
  private fixedWritten = 0;

  constructor(private readonly store: DiskStore, private readonly vdi: string) {}

  get done(): boolean {
    return this.step.kind === 'done';
  }

  push(chunk: Buffer): void {
    this.q.push(chunk);
    for (;;) {
      const s = this.step;
      if (s.kind === 'done') {
        this.q.skip(this.q.length);
        return;
      }
      if (s.kind === 'fixed') {
        const writable = this.q.length - SECTOR;
        if (writable <= 0) return;
        const data = this.q.take(writable);
        this.store.writeRange(this.vdi, this.fixedWritten, data);
        this.fixedWritten += data.length;
        return;
      }
      if (s.kind === 'footer') {
        if (this.q.length < SECTOR) return;
        const head = this.q.take(SECTOR);
        if (head.toString('latin1', 0, 8) !== 'conectix') {
          // no footer copy up front: a fixed VHD, raw sectors first
          this.step = { kind: 'fixed' };
          this.store.writeRange(this.vdi, 0, head);
          this.fixedWritten = SECTOR;
          continue;
        }
        this.footer = readFooter(head);
        if (this.footer.currentSize > this.store.virtualSize(this.vdi)) fail('VDI_IO_ERROR', `VHD of ${this.footer.currentSize} bytes does not fit in a VDI of ${this.store.virtualSize(this.vdi)} bytes`);
        if (this.footer.diskType === DISK_TYPE.fixed) throw new VhdFormatError('fixed VHD with a leading footer copy');
        if (this.footer.diskType !== DISK_TYPE.dynamic && this.footer.diskType !== DISK_TYPE.differencing) throw new VhdFormatError(`unknown VHD disk type ${this.footer.diskType}`);
        this.step = { kind: 'header' };
        continue;
      }
      if (s.kind === 'header') {
        if (!this.seek(this.footer!.dataOffset) || this.q.length < 1024) return;
        this.header = readDynamicHeader(this.q.take(1024));
        this.step = { kind: 'bat' };
        continue;
      }
      if (s.kind === 'bat') {
        const bytes = this.header!.maxTableEntries * 4;
        if (!this.seek(this.header!.tableOffset) || this.q.length < bytes) return;
        const bat = this.q.take(bytes);
        const blocks: { index: number; offset: number }[] = [];
        for (let i = 0; i < this.header!.maxTableEntries; i++) {
          const sector = bat.readUInt32BE(i * 4);
          if (sector !== BAT_UNUSED) blocks.push({ index: i, offset: sector * SECTOR });
        }
        blocks.sort((a, b) => a.offset - b.offset);
        this.blocks = blocks;
        if (this.footer!.diskType === DISK_TYPE.dynamic) this.zeroUnallocated(new Set(blocks.map((b) => b.index)));
        this.step = this.blocks.length > 0 ? { kind: 'block', index: 0 } : { kind: 'done' };
        continue;
      }
      // a block: sector bitmap then data
      const b = this.blocks[this.nextBlock]!;
      const h = this.header!;
      const bitmap = bitmapBytes(h.blockSize);
      if (b.offset < this.q.position) throw new VhdFormatError(`VHD block ${b.index} at ${b.offset} overlaps earlier data`);
      if (!this.seek(b.offset) || this.q.length < bitmap + h.blockSize) return;
      this.writeBlock(b.index, this.q.take(bitmap), this.q.take(h.blockSize));
      this.nextBlock++;
      if (this.nextBlock >= this.blocks.length) this.step = { kind: 'done' };
    }
  }

  /** Skips forward to stream offset `at`; false while the bytes before it have not all arrived. */
  private seek(at: number): boolean {
    if (at < this.q.position) throw new VhdFormatError(`VHD structure at ${at} lies before the current position ${this.q.position}`);
    this.q.skip(at - this.q.position);
    return this.q.position === at;
  }

  private writeBlock(index: number, bitmap: Buffer, data: Buffer): void {
    const base = index * this.header!.blockSize;
    const size = Math.min(this.footer!.currentSize, this.store.virtualSize(this.vdi));
    const dynamic = this.footer!.diskType === DISK_TYPE.dynamic;
    const sectors = this.header!.blockSize / SECTOR;
    // runs of sectors with the same bitmap bit: present ones are written; absent ones are zeros (dynamic) or kept
    for (let s = 0; s < sectors;) {
      const present = (bitmap[s >> 3]! & (0x80 >> (s & 7))) !== 0;
      let e = s + 1;
      while (e < sectors && ((bitmap[e >> 3]! & (0x80 >> (e & 7))) !== 0) === present) e++;
      const from = base + s * SECTOR;
      const to = Math.min(size, base + e * SECTOR);
      if (to > from) {
        if (present) this.store.writeRange(this.vdi, from, data.subarray(s * SECTOR, s * SECTOR + (to - from)));
        else if (dynamic) this.store.writeRange(this.vdi, from, Buffer.alloc(to - from));
      }
      s = e;
    }
  }

  /** A dynamic VHD defines the whole disk: blocks it does not allocate become zeros. */
  private zeroUnallocated(allocated: Set<number>): void {
    const blockSize = this.header!.blockSize;
    const size = this.store.virtualSize(this.vdi);
    for (const i of [...this.store.candidateBlocks(this.vdi)]) {
      const start = i * BLOCK_SIZE;
      const len = this.store.blockLength(this.vdi, i);
      if (this.store.isZeroBlock(this.vdi, i)) continue;
      const first = Math.floor(start / blockSize);
      const last = Math.floor((start + len - 1) / blockSize);
      if (first === last && allocated.has(first)) continue;
      for (let vb = first; vb <= last; vb++) {
        if (allocated.has(vb)) continue;
        const from = Math.max(start, vb * blockSize);
        const to = Math.min(start + len, (vb + 1) * blockSize, size);
        if (to > from) this.store.writeRange(this.vdi, from, Buffer.alloc(to - from));
      }
    }
  }

  /** Called at the end of the upload: a fixed VHD's held-back tail must be its footer. */
  finishFixed(): void {
    if (this.step.kind !== 'fixed') return;
    const tail = this.q.take(this.q.length);
    if (tail.length !== SECTOR) throw new VhdFormatError('fixed VHD does not end with a 512-byte footer');
    readFooter(tail);
    this.step = { kind: 'done' };
  }
}
