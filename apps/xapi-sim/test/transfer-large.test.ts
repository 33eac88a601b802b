/**
 * Size without storage: a VM with a 50 GiB disk goes from one pool to another through /export piped into /import
 * (the npm client's way: 1 PiB Content-Length, socket cut after the data), nothing is buffered whole, the imported
 * disk keeps no bytes in memory (simulator-made blocks are kept as references) and its digest equals the source's.
 * Also: a snapshot of a running VM exports as a halted, non-snapshot VM with the origin's disk contents.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { disksFor } from '#sim/disk/disks-for-engine.js';
import { parseOvaXml } from '#sim/xva/ova-parse.js';
import { diskDigests, eventually, httpsCall, prepareVm, rpc, tarMembers } from './helpers/transfer-fixtures.js';

const GiB = 1024 ** 3;

describe('large and snapshot exports', () => {
  let source: SimulatedPool;
  let target: SimulatedPool;

  beforeAll(async () => {
    source = await startSimulatedPool({ hosts: 1, vms: 6, seed: 51, baseAddress: '127.0.0.240', timeScale: 0.02 });
    target = await startSimulatedPool({ hosts: 1, vms: 1, seed: 52, baseAddress: '127.0.0.245', timeScale: 0.02 });
  });
  afterAll(async () => {
    await Promise.allSettled([source?.stop(), target?.stop()]);
  });

  it('moves a 50 GiB VM by streaming, keeping no disk bytes in memory', async () => {
    const { vm } = prepareVm(source, { sizes: [50 * GiB], density: 0.004 });
    const before = diskDigests(source, vm);
    const sessionT = (await rpc(target.masterUrl, 'session.login_with_password', ['root', 'xenith'])) as string;
    const task = (await rpc(target.masterUrl, 'task.create', [sessionT, 'import', ''])) as string;
    const sr = String(target.engine.store.get('pool', target.engine.poolRef()).default_SR);
    const basic = `Basic ${Buffer.from('root:xenith').toString('base64')}`;
    await new Promise<void>((resolve, reject) => {
      const upload = request(`${target.masterUrl}/import?session_id=${sessionT}&task_id=${task}&sr_id=${sr}`, {
        method: 'PUT', rejectUnauthorized: false, headers: { 'content-length': '1125899906842624' },
      });
      upload.on('error', () => undefined); // the socket is cut on purpose
      upload.on('response', (r) => r.resume());
      request(`${source.masterUrl}/export?ref=${vm}`, { rejectUnauthorized: false, headers: { authorization: basic } }, (res) => {
        res.pipe(upload, { end: false });
        res.on('end', () => {
          upload.destroy();
          resolve();
        });
        res.on('error', reject);
      }).on('error', reject).end();
    });
    await eventually(() => target.engine.store.get('task', task).status !== 'pending', 60_000);
    const t = target.engine.store.get('task', task);
    expect(t.status).toBe('success');
    const newVm = /OpaqueRef:[0-9a-f-]+/.exec(String(t.result))![0];
    expect(diskDigests(target, newVm)).toEqual(before);
    expect(disksFor(target.engine).memoryUsed).toBe(0);
  });

  it('exports a snapshot of a running VM as a halted VM holding the origin disk contents', async () => {
    const { store } = source.engine;
    const snap = [...store.rows('VM')].find((r) => r.record.is_a_snapshot === true && store.row('VM', String(r.record.snapshot_of))?.record.power_state === 'Running');
    expect(snap).toBeDefined();
    const origin = String(snap!.record.snapshot_of);
    for (const vbd of snap!.record.VBDs as string[]) {
      const vdi = String(store.get('VBD', vbd).VDI);
      if (store.get('VBD', vbd).type !== 'Disk') continue;
      store.update('VDI', vdi, { virtual_size: 8 * 1024 * 1024 });
      store.update('VDI', String(store.get('VDI', vdi).snapshot_of), { virtual_size: 8 * 1024 * 1024 });
    }
    const res = await httpsCall(`${source.masterUrl}/export?ref=${snap!.ref}`, { headers: { authorization: `Basic ${Buffer.from('root:xenith').toString('base64')}` } });
    expect(res.status).toBe(200);
    const ova = tarMembers(res.body)[0]!;
    const header = parseOvaXml(res.body.subarray(ova.offset, ova.offset + ova.size).toString('utf8'));
    expect(header.exportVsn).toBe(2);
    const vmObj = header.objects.find((o) => o.cls === 'VM')!;
    expect(vmObj.id).toMatch(/^Ref:\d+$/);
    expect(vmObj.snapshot).toMatchObject({ power_state: 'Halted', is_a_snapshot: false, snapshot_of: 'OpaqueRef:NULL', uuid: snap!.record.uuid });
    for (const o of header.objects) for (const v of Object.values(o.snapshot)) if (typeof v === 'string') expect(v.startsWith('OpaqueRef:') ? v : 'OpaqueRef:NULL').toBe('OpaqueRef:NULL');
    // the snapshot's disks read as the origin's
    const digest = (vmRef: string): string[] => Object.values(diskDigests(source, vmRef)).sort();
    expect(digest(snap!.ref)).toEqual(digest(origin));
  });
});
