import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { KEYSYM } from '#sim/rfb/console-session.js';
import { jsonRpc } from './helpers/json-rpc.js';
import { connectConsole, RfbTestClient, screenText } from './rfb-client.js';
import { decodeJpegLuma } from './rfb-jpeg-luma.js';
import { tinyPool } from './tiny-pool.js';

const run = promisify(execFile);
const HOSTS: [string, string] = ['127.0.0.84', '127.0.0.85'];
const VNCSNAPSHOT = '/usr/bin/vncsnapshot';
let pool: SimulatedPool;
let s: string;
let bridge: Server;
let dir: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const port = (): number => Number(new URL(pool.masterUrl).port);

/** A local TCP port that does the console CONNECT handshake for plain VNC tools, then pipes bytes both ways. */
function startBridge(path: string): Promise<number> {
  bridge = createServer((local) => {
    local.pause();
    connectConsole(HOSTS[0], port(), path, `session_id=${s}`).then(({ status, socket }) => {
      if (status !== 200) return local.destroy();
      socket.pipe(local);
      local.pipe(socket);
      local.resume();
      socket.resume();
      local.on('close', () => socket.destroy());
      socket.on('close', () => local.destroy());
    }, () => local.destroy());
  });
  return new Promise((resolve) => bridge.listen(0, '127.0.0.1', () => resolve((bridge.address() as { port: number }).port)));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vncsnap-'));
  pool = await startSimulatedPool({ poolSeed: tinyPool(HOSTS), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  await call('VM.start_on', 'OpaqueRef:vm3', 'OpaqueRef:host1', false, false);
});
afterAll(async () => {
  bridge?.close();
  await pool?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(VNCSNAPSHOT))('vncsnapshot through a CONNECT bridge (skipped: Debian vncsnapshot not installed)', () => {
  it('captures an image showing the console text, including keys typed by another viewer', async () => {
    const consoles = (await call('VM.get_consoles', 'OpaqueRef:vm3')) as string[];
    const recs = await Promise.all(consoles.map(async (c) => (await call('console.get_record', c)) as { protocol: string; uuid: string }));
    const uuid = recs.find((r) => r.protocol === 'rfb')!.uuid;
    const path = `/console?uuid=${uuid}`;

    // Another viewer waits for the prompt and types, so the snapshot must show both boot text and the echo.
    const { socket } = await connectConsole(HOSTS[0], port(), path, `session_id=${s}`);
    const typist = await RfbTestClient.open(socket);
    await typist.waitForText((t) => t.includes('vm3 login:'));
    typist.type('admin');
    await typist.waitForText((t) => /vm3 login: admin$/m.test(t));
    typist.key(KEYSYM.Return, true);
    await typist.waitForText((t) => /^Password:/m.test(t));

    const local = await startBridge(path);
    const out = join(dir, 'console.jpg');
    await run(VNCSNAPSHOT, ['-quiet', '-allowblank', '-quality', '100', '-encodings', 'raw copyrect', `127.0.0.1::${local}`, out], { timeout: 30_000 });
    const img = decodeJpegLuma(readFileSync(out));
    expect([img.width, img.height]).toEqual([720, 400]);
    const text = screenText(img.width, img.height, (x, y) => img.luma[y * img.width + x]! > 90, 6);
    expect(text).toContain('Booting from Hard Disk...');
    expect(text).toContain('vm3 login: admin');
    expect(text).toMatch(/^Password:/m);
    typist.close();
  });
});
