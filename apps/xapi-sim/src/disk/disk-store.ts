/**
 * The content of every VDI of one simulated pool, without storing disks. A VDI that existed when the store was
 * attached reads as synthetic content generated from its uuid (snapshots read as their origin); a VDI created later
 * starts all-zero. Writes are kept per 1 MiB block as an overlay: all-zero blocks as a marker, simulator-made blocks
 * (recognised and verified) as a reference, other data as bytes up to a memory cap and beyond it as a digest only.
 */
import { createHash } from 'node:crypto';
import type { Change, Store } from '../model/store.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { BLOCK_SIZE, claimedSyntheticBlock, contentId, fillDenseBlock, isAllZero, isDenseBlock, isDenseRegion, REGION_BLOCKS, SYNTHETIC_HEADER_BYTES } from './synthetic-content.js';
import { xxh64 } from './xxhash64.js';

export interface DiskStoreOptions {
  /** Mixed into every synthetic disk's identity (default 0). */
  seed?: number;
  /** Bytes of foreign written data kept in memory across all disks (default 256 MiB); beyond, digests only. */
  memoryCapBytes?: number;
  /** Fraction of 16 MiB regions holding data when the VDI record does not suggest one (default 0.25). */
  defaultDensity?: number;
}

type Base = { kind: 'zero' } | { kind: 'synthetic'; id: Buffer; density: number };
type Overlay =
  | { kind: 'zero' }
  | { kind: 'bytes'; data: Buffer }
  | { kind: 'ref'; id: Buffer; index: number }
  | { kind: 'digest'; digest: bigint };

interface DiskState { base: Base; overlay: Map<number, Overlay> }

/** Counts of how each written block of a disk is kept (tests and diagnostics). */
export interface OverlayStats { zero: number; bytes: number; ref: number; digest: number }

const ZERO_DIGEST_MARK = 0n;

/** Symbolic digest of a genuine synthetic block; short blocks (no header, not recognisable) hash their bytes. */
function syntheticDigest(id: Buffer, index: number, len: number): bigint {
  if (len < SYNTHETIC_HEADER_BYTES) {
    const bytes = Buffer.allocUnsafe(len);
    fillDenseBlock(id, index, bytes);
    return xxh64(bytes);
  }
  const key = Buffer.alloc(36);
  key.write('syn:', 0, 'latin1');
  id.copy(key, 4);
  key.writeDoubleBE(index, 20);
  key.writeDoubleBE(len, 28);
  return xxh64(key) || 1n;
}

export class DiskStore {
  private readonly disks = new Map<string, DiskState>();
  private readonly attachGeneration: number;
  private readonly seed: number;
  private readonly defaultDensity: number;
  readonly memoryCapBytes: number;
  private bytesInMemory = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store, opts: DiskStoreOptions = {}) {
    this.seed = opts.seed ?? 0;
    this.memoryCapBytes = opts.memoryCapBytes ?? 256 * BLOCK_SIZE;
    this.defaultDensity = opts.defaultDensity ?? 0.25;
    this.attachGeneration = store.generation;
    this.unsubscribe = store.onChange((c) => this.onStoreChange(c));
  }

  /** Stops following the store (the pool is shutting down). */
  detach(): void {
    this.unsubscribe();
  }

  get memoryUsed(): number {
    return this.bytesInMemory;
  }

  private onStoreChange(c: Change): void {
    if (c.cls !== 'VDI') return;
    if (c.op === 'del') {
      this.drop(c.ref);
      return;
    }
    if (c.op === 'add' && !this.disks.has(c.ref)) {
      const origin = c.row.record.snapshot_of;
      if (typeof origin === 'string' && origin !== NULL_REF && this.store.has('VDI', origin)) this.copyContent(origin, c.ref);
    }
  }

  private drop(ref: string): void {
    const d = this.disks.get(ref);
    if (!d) return;
    for (const o of d.overlay.values()) if (o.kind === 'bytes') this.bytesInMemory -= o.data.length;
    this.disks.delete(ref);
  }

  private state(ref: string, depth = 0): DiskState {
    let d = this.disks.get(ref);
    if (d) return d;
    const row = this.store.row('VDI', ref);
    if (!row) fail('HANDLE_INVALID', 'VDI', ref);
    const origin = row.record.snapshot_of;
    if (depth < 16 && typeof origin === 'string' && origin !== NULL_REF && this.store.has('VDI', origin)) {
      const o = this.state(origin, depth + 1);
      d = { base: o.base, overlay: this.cloneOverlay(o.overlay) };
    } else if (row.ctime <= this.attachGeneration) {
      d = { base: { kind: 'synthetic', id: contentId(this.seed, String(row.record.uuid)), density: this.densityOf(row.record) }, overlay: new Map() };
    } else {
      d = { base: { kind: 'zero' }, overlay: new Map() };
    }
    this.disks.set(ref, d);
    return d;
  }

  private densityOf(rec: Record<string, unknown>): number {
    const virtual = Number(rec.virtual_size);
    const physical = Number(rec.physical_utilisation);
    const ratio = virtual > 0 ? physical / virtual : 0;
    return ratio > 0 && ratio < 1 ? ratio : this.defaultDensity;
  }

  private cloneOverlay(src: Map<number, Overlay>): Map<number, Overlay> {
    const out = new Map<number, Overlay>();
    for (const [i, o] of src) {
      if (o.kind === 'bytes') this.bytesInMemory += o.data.length; // shared buffers are never mutated, but count each holder
      out.set(i, o);
    }
    return out;
  }

  /** Makes `ref` synthetic content (for tests and benches): `key` defaults to the VDI uuid. */
  setSynthetic(ref: string, opts: { key?: string; density?: number } = {}): void {
    this.drop(ref);
    const rec = this.store.get('VDI', ref);
    this.disks.set(ref, {
      base: { kind: 'synthetic', id: contentId(this.seed, opts.key ?? String(rec.uuid)), density: opts.density ?? this.densityOf(rec) },
      overlay: new Map(),
    });
  }

  /** Makes `ref` all zeros (a fresh VDI). */
  setZero(ref: string): void {
    this.drop(ref);
    this.disks.set(ref, { base: { kind: 'zero' }, overlay: new Map() });
  }

  /** Gives `dst` the current content of `src` (VDI.clone / snapshot / copy). */
  copyContent(src: string, dst: string): void {
    const s = this.state(src);
    this.drop(dst);
    this.disks.set(dst, { base: s.base, overlay: this.cloneOverlay(s.overlay) });
  }

  virtualSize(ref: string): number {
    return Number(this.store.get('VDI', ref).virtual_size) || 0;
  }

  blockCount(ref: string): number {
    return Math.ceil(this.virtualSize(ref) / BLOCK_SIZE);
  }

  blockLength(ref: string, index: number): number {
    return Math.max(0, Math.min(BLOCK_SIZE, this.virtualSize(ref) - index * BLOCK_SIZE));
  }

  /** True when block `index` reads as all zeros; never generates the block. */
  isZeroBlock(ref: string, index: number): boolean {
    const d = this.state(ref);
    const o = d.overlay.get(index);
    if (o) return o.kind === 'zero';
    return d.base.kind === 'zero' || !isDenseBlock(d.base.id, d.base.density, index);
  }

  /** The bytes of block `index` (a fresh buffer), or undefined when the block is all zeros. */
  readBlock(ref: string, index: number): Buffer | undefined {
    const d = this.state(ref);
    const len = this.blockLength(ref, index);
    if (len === 0) return undefined;
    const o = d.overlay.get(index);
    if (o) {
      switch (o.kind) {
        case 'zero': return undefined;
        case 'bytes': return Buffer.from(o.data.subarray(0, len));
        case 'ref': {
          const out = Buffer.allocUnsafe(len);
          fillDenseBlock(o.id, o.index, out);
          return out;
        }
        case 'digest':
          return fail('VDI_IO_ERROR', `block ${index} of VDI ${String(this.store.get('VDI', ref).uuid)} was kept as a digest only (simulator memory cap ${this.memoryCapBytes} bytes reached)`);
      }
    }
    if (d.base.kind === 'zero' || !isDenseBlock(d.base.id, d.base.density, index)) return undefined;
    const out = Buffer.allocUnsafe(len);
    fillDenseBlock(d.base.id, index, out);
    return out;
  }

  /** Reads `length` bytes at `offset` (zeros past the end of the disk are not returned). */
  read(ref: string, offset: number, length: number): Buffer {
    const end = Math.min(this.virtualSize(ref), offset + length);
    const out = Buffer.alloc(Math.max(0, end - offset));
    for (let pos = offset; pos < end;) {
      const index = Math.floor(pos / BLOCK_SIZE);
      const inBlock = pos - index * BLOCK_SIZE;
      const n = Math.min(BLOCK_SIZE - inBlock, end - pos);
      this.readBlock(ref, index)?.copy(out, pos - offset, inBlock, inBlock + n);
      pos += n;
    }
    return out;
  }

  /** Replaces block `index` with `data` (exactly the block's length). */
  writeBlock(ref: string, index: number, data: Buffer): void {
    const d = this.state(ref);
    const len = this.blockLength(ref, index);
    if (data.length !== len) throw new RangeError(`block ${index} is ${len} bytes, got ${data.length}`);
    this.setOverlay(d, index, this.classify(d, index, data));
  }

  /** Writes `data` at byte `offset`, read-modify-writing partial blocks. */
  writeRange(ref: string, offset: number, data: Buffer): void {
    const size = this.virtualSize(ref);
    if (offset + data.length > size) fail('VDI_IO_ERROR', `write of ${data.length} bytes at ${offset} goes past the end of the disk (${size} bytes)`);
    for (let pos = offset; pos < offset + data.length;) {
      const index = Math.floor(pos / BLOCK_SIZE);
      const inBlock = pos - index * BLOCK_SIZE;
      const len = this.blockLength(ref, index);
      const n = Math.min(len - inBlock, offset + data.length - pos);
      const part = data.subarray(pos - offset, pos - offset + n);
      if (n === len) this.writeBlock(ref, index, Buffer.from(part));
      else {
        const block = this.readBlock(ref, index) ?? Buffer.alloc(len);
        part.copy(block, inBlock);
        this.writeBlock(ref, index, block);
      }
      pos += n;
    }
  }

  /** Decides how a written block is kept; undefined means "same as the base" (no overlay entry). */
  private classify(d: DiskState, index: number, data: Buffer): Overlay | undefined {
    const baseZero = d.base.kind === 'zero' || !isDenseBlock(d.base.id, d.base.density, index);
    if (isAllZero(data)) return baseZero ? undefined : { kind: 'zero' };
    const claim = claimedSyntheticBlock(data);
    if (claim) {
      const regenerated = Buffer.allocUnsafe(data.length);
      fillDenseBlock(claim.id, claim.index, regenerated);
      if (regenerated.equals(data)) {
        if (!baseZero && d.base.kind === 'synthetic' && claim.index === index && claim.id.equals(d.base.id)) return undefined;
        return { kind: 'ref', id: claim.id, index: claim.index };
      }
    }
    if (this.bytesInMemory + data.length <= this.memoryCapBytes) return { kind: 'bytes', data: Buffer.from(data) };
    return { kind: 'digest', digest: xxh64(data) };
  }

  private setOverlay(d: DiskState, index: number, o: Overlay | undefined): void {
    const old = d.overlay.get(index);
    if (old?.kind === 'bytes') this.bytesInMemory -= old.data.length;
    if (o === undefined) d.overlay.delete(index);
    else {
      d.overlay.set(index, o);
      if (o.kind === 'bytes') this.bytesInMemory += o.data.length;
    }
  }

  /**
   * A digest of block `index`'s bytes, 0n for an all-zero block. Genuine simulator-made blocks (always kept as
   * references or as the base) digest symbolically from (content id, index, length) without being generated;
   * any other bytes digest as their XXH64. A given byte string therefore always has one digest.
   */
  blockDigest(ref: string, index: number): bigint {
    const d = this.state(ref);
    const o = d.overlay.get(index);
    const len = this.blockLength(ref, index);
    if (o) {
      switch (o.kind) {
        case 'zero': return ZERO_DIGEST_MARK;
        case 'digest': return o.digest;
        case 'bytes': return xxh64(o.data);
        case 'ref': return syntheticDigest(o.id, o.index, len);
      }
    }
    if (d.base.kind === 'zero' || !isDenseBlock(d.base.id, d.base.density, index)) return ZERO_DIGEST_MARK;
    return syntheticDigest(d.base.id, index, len);
  }

  /** Indexes of the blocks that may hold data, in order; skips empty 16 MiB regions without looking at them. */
  *candidateBlocks(ref: string): Generator<number> {
    const d = this.state(ref);
    const blocks = this.blockCount(ref);
    const touched = new Set<number>();
    for (const i of d.overlay.keys()) touched.add(Math.floor(i / REGION_BLOCKS));
    const regions = Math.ceil(blocks / REGION_BLOCKS);
    for (let r = 0; r < regions; r++) {
      if (!touched.has(r) && (d.base.kind === 'zero' || !isDenseRegion(d.base.id, d.base.density, r))) continue;
      const end = Math.min(blocks, (r + 1) * REGION_BLOCKS);
      for (let i = r * REGION_BLOCKS; i < end; i++) yield i;
    }
  }

  /**
   * A digest of the whole virtual disk: SHA-256 over the size and the (index, block digest) of every non-zero
   * block. Two disks with the same bytes have the same digest however their blocks are kept; zero regions cost
   * nothing and simulator-made blocks are never generated.
   */
  contentDigest(ref: string): string {
    const h = createHash('sha256');
    h.update(`size:${this.virtualSize(ref)};`);
    const pair = Buffer.alloc(16);
    for (const i of this.candidateBlocks(ref)) {
      const digest = this.blockDigest(ref, i);
      if (digest === ZERO_DIGEST_MARK) continue;
      pair.writeDoubleBE(i, 0);
      pair.writeBigUInt64BE(digest, 8);
      h.update(pair);
    }
    return h.digest('hex');
  }

  /** Non-zero blocks of the disk (generated and written). */
  nonZeroBlockCount(ref: string): number {
    let n = 0;
    for (const i of this.candidateBlocks(ref)) if (!this.isZeroBlock(ref, i)) n++;
    return n;
  }

  overlayStats(ref: string): OverlayStats {
    const s: OverlayStats = { zero: 0, bytes: 0, ref: 0, digest: 0 };
    for (const o of this.state(ref).overlay.values()) s[o.kind]++;
    return s;
  }
}
