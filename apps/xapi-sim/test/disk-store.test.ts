/** Synthetic disks: deterministic content, cheap zero regions, overlays of written blocks, whole-disk digests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '#sim/api/engine.js';
import { DiskStore } from '#sim/disk/disk-store.js';
import { BLOCK_SIZE, fillDenseBlock, contentId } from '#sim/disk/synthetic-content.js';
import { xxhashReady } from '#sim/disk/xxhash64.js';
import { generatePool } from '#sim/scenario/generate-pool.js';

const GiB = 1024 ** 3;

describe('DiskStore', () => {
  let engine: Engine;
  let disks: DiskStore;
  let vdis: string[];

  beforeAll(async () => {
    await xxhashReady();
    engine = new Engine(generatePool({ hosts: 1, vms: 3, seed: 11 }), { users: {}, timeScale: 1 });
    disks = new DiskStore(engine.store, { memoryCapBytes: 4 * BLOCK_SIZE });
    vdis = [...engine.store.rows('VDI')].filter((r) => r.record.type === 'system' && !r.record.is_a_snapshot).map((r) => r.ref);
  });
  afterAll(() => engine.stop());

  const newVdi = (size: number, fields: Record<string, unknown> = {}): string =>
    engine.store.create('VDI', { virtual_size: size, SR: engine.store.get('VDI', vdis[0]!).SR, type: 'user', ...fields });

  it('generates the same content for the same VDI and different content for different VDIs', () => {
    const [a, b] = vdis as [string, string];
    const other = new DiskStore(engine.store);
    expect(disks.readBlock(a, 0)!.equals(other.readBlock(a, 0)!)).toBe(true);
    expect(disks.contentDigest(a)).toBe(other.contentDigest(a));
    expect(disks.readBlock(a, 0)!.equals(disks.readBlock(b, 0)!)).toBe(false);
    expect(disks.contentDigest(a)).not.toBe(disks.contentDigest(b));
    other.detach();
  });

  it('is mostly zero with some dense blocks, and reads ranges across block boundaries', () => {
    const a = vdis[0]!;
    const blocks = disks.blockCount(a);
    const dense = disks.nonZeroBlockCount(a);
    expect(blocks).toBeGreaterThan(1000);
    expect(dense).toBeGreaterThan(0);
    expect(dense).toBeLessThan(blocks);
    const range = disks.read(a, BLOCK_SIZE - 10, 20);
    const b0 = disks.readBlock(a, 0)!;
    expect(range.subarray(0, 10).equals(b0.subarray(BLOCK_SIZE - 10))).toBe(true);
    const b1 = disks.readBlock(a, 1) ?? Buffer.alloc(BLOCK_SIZE);
    expect(range.subarray(10).equals(b1.subarray(0, 10))).toBe(true);
  });

  it('handles terabyte disks without generating them: zero checks and digests stay cheap', () => {
    const big = newVdi(4 * 1024 * GiB);
    disks.setSynthetic(big, { density: 0.0001 });
    expect(disks.blockCount(big)).toBe(4 * 1024 * 1024);
    const digest = disks.contentDigest(big);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(disks.nonZeroBlockCount(big)).toBeLessThan(4000);
  });

  it('starts runtime-created VDIs as zeros and keeps written blocks; digests follow the bytes', () => {
    const src = vdis[1]!;
    const size = 64 * BLOCK_SIZE;
    const dst = newVdi(size);
    const src2 = newVdi(size);
    disks.setSynthetic(src2, { key: String(engine.store.get('VDI', src).uuid), density: 0.9 });
    expect(disks.nonZeroBlockCount(dst)).toBe(0);
    for (let i = 0; i < 64; i++) {
      const block = disks.readBlock(src2, i);
      if (block) disks.writeBlock(dst, i, block);
    }
    expect(disks.contentDigest(dst)).toBe(disks.contentDigest(src2));
    // simulator-made blocks are kept as references, not bytes
    expect(disks.overlayStats(dst).bytes).toBe(0);
    expect(disks.overlayStats(dst).ref).toBeGreaterThan(0);
    expect(disks.memoryUsed).toBe(0);
    // a changed byte changes the digest
    disks.writeRange(dst, 5, Buffer.from([0xff]));
    expect(disks.contentDigest(dst)).not.toBe(disks.contentDigest(src2));
  });

  it('keeps foreign data as bytes up to the memory cap, then only digests (reads of those fail clearly)', () => {
    const d = newVdi(8 * BLOCK_SIZE);
    const twin = newVdi(8 * BLOCK_SIZE);
    const blocks = Array.from({ length: 8 }, (_, i) => Buffer.alloc(BLOCK_SIZE, i + 1));
    blocks.forEach((b, i) => disks.writeBlock(d, i, b));
    const stats = disks.overlayStats(d);
    expect(stats.bytes).toBeGreaterThan(0);
    expect(stats.digest).toBeGreaterThan(0);
    expect(disks.memoryUsed).toBeLessThanOrEqual(disks.memoryCapBytes);
    expect(() => disks.readBlock(d, 7)).toThrow(/VDI_IO_ERROR/);
    // the digest is still exact: a disk with the same bytes kept differently digests the same
    const roomy = new DiskStore(engine.store, { memoryCapBytes: 64 * BLOCK_SIZE });
    roomy.setZero(twin);
    blocks.forEach((b, i) => roomy.writeBlock(twin, i, b));
    roomy.setZero(d); // fresh view of d in the roomy store, rewritten with the same bytes
    blocks.forEach((b, i) => roomy.writeBlock(d, i, b));
    expect(disks.contentDigest(d)).toBe(roomy.contentDigest(twin));
    roomy.detach();
  });

  it('reads a snapshot VDI as its origin and frees state when a VDI is destroyed', () => {
    const origin = vdis[2]!;
    const snap = engine.store.create('VDI', { ...engine.store.get('VDI', origin), uuid: undefined, is_a_snapshot: true, snapshot_of: origin, VBDs: undefined });
    expect(disks.contentDigest(snap)).toBe(disks.contentDigest(origin));
    const roomy = new DiskStore(engine.store, { memoryCapBytes: 8 * BLOCK_SIZE });
    const d = newVdi(2 * BLOCK_SIZE);
    roomy.writeBlock(d, 0, Buffer.alloc(BLOCK_SIZE, 9));
    expect(roomy.memoryUsed).toBe(BLOCK_SIZE);
    engine.store.destroy('VDI', d);
    expect(roomy.memoryUsed).toBe(0);
    roomy.detach();
  });

  it('recognises only genuine synthetic blocks: a forged header with other bytes is kept as data', () => {
    const d = newVdi(BLOCK_SIZE);
    const block = Buffer.allocUnsafe(BLOCK_SIZE);
    fillDenseBlock(contentId(0, 'x'), 3, block);
    block[BLOCK_SIZE - 1] = block[BLOCK_SIZE - 1]! ^ 1;
    const roomy = new DiskStore(engine.store, { memoryCapBytes: 8 * BLOCK_SIZE });
    roomy.writeBlock(d, 0, block);
    expect(roomy.overlayStats(d)).toMatchObject({ ref: 0, bytes: 1 });
    expect(roomy.readBlock(d, 0)!.equals(block)).toBe(true);
    roomy.detach();
  });
});
