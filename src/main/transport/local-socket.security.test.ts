import { spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { silentLogger } from '../logging/logger.js';
import { callOn, upgradeStatus } from '../test-support/serve-client.js';
import { createTestServer } from '../test-support/test-server.js';
import { startLocalSocket, type LocalSocketHandle } from './local-socket.js';
import { followLocalSocketSetting } from './local-socket-switch.js';

const handles: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

const socketPathIn = (name: string) => join(mkdtempSync(join(tmpdir(), 'xenith-sock-')), 'private', name);

async function openLocal(path: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws+unix://${path}:/api`, options);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

async function start(path: string): Promise<LocalSocketHandle> {
  const handle = await startLocalSocket({ server: createTestServer().server, logger: silentLogger, path });
  handles.push(handle);
  return handle;
}

describe.skipIf(process.platform === 'win32')('the local API socket', () => {
  it('is a socket only its user can open (0600 in a 0700 directory) and speaks the contract without a token', async () => {
    const path = socketPathIn('api.sock');
    await start(path);
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const socket = await openLocal(path);
    expect(await callOn(socket, 1, 'system.version', {})).toMatchObject({ ok: true, output: { version: '9.9.9-test' } });
    socket.close();
  });

  it('refuses an upgrade carrying an Origin (a browser) and any other path', async () => {
    const path = socketPathIn('api.sock');
    await start(path);
    expect(await upgradeStatus(`ws+unix://${path}:/api`, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(`ws+unix://${path}:/console/x`)).toBe(403);
  });

  it('serves one-time file links to its user, never to a page (an Origin), and offers them only while it listens', async () => {
    const path = socketPathIn('api.sock');
    const { server } = createTestServer();
    expect(server.fileLinks.served).toBe(false);
    const handle = await startLocalSocket({ server, logger: silentLogger, path });
    expect(server.fileLinks.served).toBe(true);
    const status = (token: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        request({ socketPath: path, path: `/files/${token}`, method: 'GET', headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).once('error', reject).end();
      });
    const fromPage = server.fileLinks.offerDownload('vm.xva');
    expect(await status(fromPage.link.url.slice('/files/'.length), { origin: 'https://evil.example' })).toBe(403);
    const fromCli = server.fileLinks.offerDownload('vm.xva');
    const claimed = fromCli.exchange.then((exchange) => {
      exchange.sink.end('xva bytes');
      return true;
    });
    expect(await status(fromCli.link.url.slice('/files/'.length))).toBe(200);
    expect(await claimed).toBe(true);
    // Used once: a second request finds nothing.
    expect(await status(fromCli.link.url.slice('/files/'.length))).toBe(410);
    fromPage.withdraw(new Error('test over'));
    await handle.close();
    expect(server.fileLinks.served).toBe(false);
  });

  it('replaces a socket file a crashed run left, and refuses one another server still answers on', async () => {
    const path = socketPathIn('api.sock');
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    // A process killed while listening leaves its socket file behind, answering nobody.
    const crashed = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    await new Promise((resolve) => crashed.once('exit', resolve));
    expect(statSync(path).isSocket()).toBe(true);
    const live = await start(path);
    (await openLocal(path)).close();
    await expect(startLocalSocket({ server: createTestServer().server, logger: silentLogger, path })).rejects.toThrow(/Another Xenith already serves/);
    // The refused second server left the first one's socket alone.
    (await openLocal(live.path)).close();
  });

  it('opens and closes with the localSocket setting, off by default', async () => {
    const path = socketPathIn('api.sock');
    const { server } = createTestServer();
    const follower = followLocalSocketSetting(server, { logger: silentLogger, path });
    handles.push(follower);
    await follower.settled();
    expect(() => statSync(path)).toThrow();
    await server.dispatch('settings.set', { localSocket: true }, { clientId: 'test' });
    await follower.settled();
    const socket = await openLocal(path);
    expect(await callOn(socket, 1, 'settings.get', {})).toMatchObject({ ok: true, output: { localSocket: true } });
    socket.close();
    await server.dispatch('settings.set', { localSocket: false }, { clientId: 'test' });
    await follower.settled();
    expect(() => statSync(path)).toThrow();
  });
});
