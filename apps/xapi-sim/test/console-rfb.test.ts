import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, createWebSocketStream } from 'ws';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { ConsoleHub } from '#sim/rfb/console-hub.js';
import { KEYSYM } from '#sim/rfb/console-session.js';
import { tinyPool } from './tiny-pool.js';
import { jsonRpc } from './helpers/json-rpc.js';
import { BGR32_BE, connectConsole, RGB565, RfbTestClient } from './rfb-client.js';

const HOSTS: [string, string] = ['127.0.0.82', '127.0.0.83'];
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const port = (): number => Number(new URL(pool.masterUrl).port);

async function rfbConsoleUuid(vm: string): Promise<{ uuid: string; location: string }> {
  for (const c of (await call('VM.get_consoles', vm)) as string[]) {
    const rec = (await call('console.get_record', c)) as { protocol: string; uuid: string; location: string };
    if (rec.protocol === 'rfb') return rec;
  }
  throw new Error('no rfb console');
}

async function open(vm: string, version: '003.003' | '003.008' = '003.003'): Promise<RfbTestClient> {
  const { uuid } = await rfbConsoleUuid(vm);
  const { status, socket } = await connectConsole(HOSTS[0], port(), `/console?uuid=${uuid}`, `session_id=${s}`);
  expect(status).toBe(200);
  return RfbTestClient.open(socket, version);
}

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(HOSTS), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  await call('VM.start_on', 'OpaqueRef:vm1', 'OpaqueRef:host1', false, false);
  await call('VM.start_on', 'OpaqueRef:vm2', 'OpaqueRef:host1', false, false);
});
afterAll(async () => pool?.stop());

describe('console over CONNECT', () => {
  it('the rfb console location points at the resident host and CONNECT gives RFB 3.3 with the boot text and a login prompt', async () => {
    const { location } = await rfbConsoleUuid('OpaqueRef:vm1');
    expect(new URL(location).hostname).toBe(HOSTS[0]);
    const c = await open('OpaqueRef:vm1');
    expect([c.width, c.height, c.name]).toEqual([720, 400, 'vm1']);
    const text = await c.waitForText((t) => t.includes('vm1 login:'));
    expect(text).toContain('Booting from Hard Disk...');
    expect(text).toMatch(/\[ +OK +\] Reached target multi-user\.target/);
    c.close();
  });

  it('typed keys echo at the cursor, Backspace erases, a second viewer (RFB 3.8, WebSocket) sees the same screen', async () => {
    const a = await open('OpaqueRef:vm1');
    await a.waitForText((t) => t.includes('vm1 login:'));
    a.type('rooz');
    a.key(KEYSYM.BackSpace, true);
    a.key(KEYSYM.BackSpace, false);
    a.type('t');
    const shown = await a.waitForText((t) => /vm1 login: root$/m.test(t));
    expect(shown).not.toContain('rooz');

    const { uuid } = await rfbConsoleUuid('OpaqueRef:vm1');
    const ws = new WebSocket(`ws://${HOSTS[0]}:${port()}/console?uuid=${uuid}`, ['binary'], { headers: { cookie: `session_id=${s}` } });
    const stream = createWebSocketStream(ws); // before 'open': the server speaks first
    const b = await RfbTestClient.open(stream, '003.008');
    expect(ws.protocol).toBe('binary');
    await b.waitForText((t) => /vm1 login: root$/m.test(t));
    a.key(KEYSYM.Return, true);
    await b.waitForText((t) => /^Password:/m.test(t));
    expect(a.text().split('\n').slice(0, 20)).toEqual(b.text().split('\n').slice(0, 20));
    a.close();
    b.close();
  });

  it('scrolling reaches viewers as CopyRect and their screen equals the server framebuffer, also at 16 bpp and big-endian 32 bpp', async () => {
    const a = await open('OpaqueRef:vm2');
    const b = await open('OpaqueRef:vm2');
    const c = await open('OpaqueRef:vm2');
    b.setPixelFormat(RGB565);
    c.setPixelFormat(BGR32_BE);
    await a.waitForText((t) => t.includes('vm2 login:'));
    for (let i = 0; i < 30; i++) {
      a.type(`line${i}`);
      a.key(KEYSYM.Return, true);
    }
    // Odd lines go to the (hidden) password prompt; the last Enter brings the login prompt back.
    await a.waitForText((t) => t.includes('line28') && t.trimEnd().endsWith('Login incorrect\nvm2 login:'));
    const session = ConsoleHub.of(pool.engine).peek('OpaqueRef:vm2')!;
    const want = session.text.lines().join('\n');
    expect(want).toContain('vm2 login: line28');
    expect(want).not.toContain('line29');
    for (const v of [a, b, c]) {
      const got = await v.waitForText((t) => t === want);
      expect(got).toBe(want);
    }
    expect(a.rectsByEncoding.get(1) ?? 0).toBeGreaterThan(0);
    expect(Array.from(a.pixels)).toEqual(Array.from(session.fb.pixels));
    for (const v of [a, b, c]) v.close();
  });

  it('DesktopSize: a server-side resize reaches the viewer with the new geometry', async () => {
    const a = await open('OpaqueRef:vm2');
    await a.waitForText((t) => t.includes('vm2 login:'));
    ConsoleHub.of(pool.engine).peek('OpaqueRef:vm2')!.resize(800, 600);
    await a.waitForText(() => a.width === 800);
    expect([a.width, a.height]).toEqual([800, 600]);
    await a.waitForText((t) => t.includes('vm2 login:'));
    a.close();
  });

  it('refuses like xapi: other host 404 (no redirect), unknown console 404, no session 401', async () => {
    const { uuid } = await rfbConsoleUuid('OpaqueRef:vm1');
    const other = await connectConsole(HOSTS[1], port(), `/console?uuid=${uuid}`, `session_id=${s}`);
    expect(other.status).toBe(404);
    expect(other.head).not.toMatch(/location:/i);
    other.socket.destroy();
    const unknown = await connectConsole(HOSTS[0], port(), `/console?uuid=00000000-0000-0000-0000-000000000000&session_id=${s}`);
    expect(unknown.status).toBe(404);
    unknown.socket.destroy();
    const anon = await connectConsole(HOSTS[0], port(), `/console?uuid=${uuid}`);
    expect(anon.status).toBe(401);
    anon.socket.destroy();
    const byVmRef = await connectConsole(HOSTS[0], port(), `/console?ref=OpaqueRef:vm1&session_id=${s}`);
    expect(byVmRef.status).toBe(200);
    byVmRef.socket.destroy();
  });

  it('Ctrl+Alt+Del cleanly reboots the VM (clean_reboot in current_operations, new domid) and the screen boots again', async () => {
    const a = await open('OpaqueRef:vm1');
    await a.waitForText((t) => t.includes('vm1 login:'));
    const domid = (await call('VM.get_domid', 'OpaqueRef:vm1')) as number;
    const ops: string[] = [];
    const off = pool.engine.store.onChange((ch) => {
      if (ch.cls === 'VM' && ch.ref === 'OpaqueRef:vm1') ops.push(...Object.values(ch.row.record.current_operations as Record<string, string>));
    });
    for (const [k, d] of [[KEYSYM.Control_L, true], [KEYSYM.Alt_L, true], [KEYSYM.Delete, true], [KEYSYM.Delete, false], [KEYSYM.Alt_L, false], [KEYSYM.Control_L, false]] as const) a.key(k, d);
    await a.waitForText((t) => t.startsWith('Booting from Hard Disk') && !t.includes('login:'));
    off();
    expect(ops).toContain('clean_reboot');
    expect((await call('VM.get_domid', 'OpaqueRef:vm1')) as number).not.toBe(domid);
    await a.waitForText((t) => t.includes('vm1 login:'));
    a.close();
  });

  it('the host console (control domain) shows the host login; a vt100 console streams the same text and types', async () => {
    const dom0 = String(await call('VM.get_by_name_label', 'Control domain on host: host1').then((r) => (r as string[])[0]));
    // The tiny fixture has no dom0 console object; generated pools and real hosts always do.
    pool.engine.store.create('console', { protocol: 'rfb', VM: dom0, location: `https://${HOSTS[0]}/console?uuid=x` });
    const host = await connectConsole(HOSTS[0], port(), `/console?ref=${dom0}&session_id=${s}`);
    expect(host.status).toBe(200);
    const h = await RfbTestClient.open(host.socket);
    expect(await h.waitForText((t) => t.includes('host1 login:'))).toContain('XCP-ng 8.3.0 (host1)');
    h.close();

    const a = await open('OpaqueRef:vm1');
    await a.waitForText((t) => t.includes('vm1 login:'));
    const consoles = (await call('VM.get_consoles', 'OpaqueRef:vm1')) as string[];
    const recs = await Promise.all(consoles.map(async (c) => (await call('console.get_record', c)) as { protocol: string; uuid: string }));
    const vt = await connectConsole(HOSTS[0], port(), `/console?uuid=${recs.find((r) => r.protocol === 'vt100')!.uuid}`, `session_id=${s}`);
    expect(vt.status).toBe(200);
    let stream = '';
    vt.socket.on('data', (d: Buffer) => (stream += d.toString('latin1')));
    vt.socket.resume();
    vt.socket.write('vtuser');
    await a.waitForText((t) => /vm1 login: vtuser$/m.test(t));
    expect(stream).toContain('Linux vm1 tty1');
    expect(stream).toContain('vm1 login:');
    expect(stream).toContain('vtuser');
    vt.socket.destroy();
    a.close();
  });

  it('pool.limit_console_sessions allows one viewer per VM', async () => {
    const a = await open('OpaqueRef:vm1');
    await a.waitForText((t) => t.includes('login:'));
    await call('pool.set_limit_console_sessions', 'OpaqueRef:pool', true);
    const { uuid } = await rfbConsoleUuid('OpaqueRef:vm1');
    const second = await connectConsole(HOSTS[0], port(), `/console?uuid=${uuid}`, `session_id=${s}`);
    expect(second.status).toBe(503);
    second.socket.destroy();
    await call('pool.set_limit_console_sessions', 'OpaqueRef:pool', false);
    a.close();
  });

  it('the console closes when the VM halts', async () => {
    const a = await open('OpaqueRef:vm2');
    await a.waitForText((t) => t.includes('vm2 login:'));
    await call('VM.hard_shutdown', 'OpaqueRef:vm2');
    await expect(a.waitForText(() => false)).rejects.toThrow(/closed/);
    expect(a.closed).toBe(true);
  });
});
