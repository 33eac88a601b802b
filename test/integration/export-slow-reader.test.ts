/**
 * A VM's `/export` streamed through Xenith's own pool connection into a reader far slower than the pool.
 *
 * On undici 6/7 this killed the process with an uncatchable `assert(!this.paused)` the moment the pool finished
 * sending while the body was paused by backpressure (nodejs/undici#5360). Here the reader takes a few hundred
 * KB/s for a while, then speeds up; the test process must survive to the end and every byte must arrive.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openVmExport } from '../../src/main/transfer/vm-export-stream.js';
import { guests, haltedGuest, rows, startActionRig, type ActionRig } from './support/action-harness.js';

const MiB = 1024 * 1024;
let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A writable that accepts `slowBytes` at `slowRate` bytes/s, then everything as fast as it comes. */
function throttledSink(slowBytes: number, slowRate: number): { sink: Writable; bytes: () => number; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  let received = 0;
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      received += chunk.length;
      if (received > slowBytes) return done();
      setTimeout(done, Math.ceil((chunk.length / slowRate) * 1000));
    },
  });
  return { sink, bytes: () => received, chunks };
}

describe('an /export read slowly through the server', () => {
  it('survives a reader slower than the pool and delivers every byte', async () => {
    rig = await startActionRig({ hosts: 1, vms: 2, seed: 5 });
    const vmRef = await haltedGuest(rig);
    const dump = await rig.db();
    // Small disks: 8 MiB each, so the pool finishes sending long before the slow reader catches up.
    const vdis = rows(dump, 'VBD').filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk').map(([, vbd]) => String(vbd.VDI));
    expect(vdis.length).toBeGreaterThan(0);
    for (const vdi of vdis) await rig.control(`/objects/VDI/${vdi}`, { virtual_size: 8 * MiB });
    expect(guests(await rig.db()).some(([ref]) => ref === vmRef)).toBe(true);
    const client = rig.xenith.server.internals.pools.connection(rig.poolId).client!;

    // A fast read first, as the reference for the length.
    const fast = throttledSink(0, 1);
    const reference = await openVmExport(client, vmRef);
    await pipeline(reference.body, fast.sink);
    await reference.task;

    // Then slowly: ~1.5 MiB at 300 KB/s (about five seconds, well after the pool has sent everything), then fast.
    const slow = throttledSink(1.5 * MiB, 300 * 1024);
    const exported = await openVmExport(client, vmRef);
    await pipeline(exported.body, slow.sink);
    await exported.task;

    expect(slow.bytes()).toBe(fast.bytes());
    expect(slow.bytes()).toBeGreaterThan(8 * MiB);

    // The judges: GNU tar reads a whole XVA with ova.xml first, and xxhsum agrees with every chunk's .xxhash
    // (XXH64, as xapi writes them), so no byte was lost or changed on the slow path.
    const dir = mkdtempSync(join(tmpdir(), 'xenith-export-'));
    try {
      const file = join(dir, 'vm.xva');
      writeFileSync(file, Buffer.concat(slow.chunks));
      const listing = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
      expect(listing[0]).toBe('ova.xml');
      execFileSync('tar', ['-xf', file, '-C', dir]);
      const checksums = listing.filter((name) => name.endsWith('.xxhash'));
      expect(checksums.length).toBeGreaterThan(2);
      for (const name of checksums) {
        const chunk = join(dir, name.slice(0, -'.xxhash'.length));
        const [computed] = execFileSync('xxhsum', ['-H1', chunk], { encoding: 'utf8' }).trim().split(/\s+/);
        expect(computed!.toUpperCase(), name).toBe(readFileSync(join(dir, name), 'utf8').trim().toUpperCase());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The server still answers after the transfer.
    await expect(rig.xenith.call('app.health', {})).resolves.toBeTruthy();
  });
});
