import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { createTestServer } from '../test-support/test-server.js';
import { FileLinks } from './file-links.js';
import { startServeTransport, type ServeHandle } from './serve-transport.js';

const handles: ServeHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

async function start() {
  const { server } = createTestServer();
  const served = await startServeTransport({ server, staticDir: '/nonexistent', logger: silentLogger });
  handles.push(served);
  const cookie = `${served.cookieName}=${served.token}`;
  const origin = `http://127.0.0.1:${served.port}`;
  return { server, served, cookie, origin, url: (path: string) => `${origin}${path}` };
}

describe('one-time file links in serve mode', () => {
  it('streams a download once to the app\'s own page, with its name, and refuses the link after', async () => {
    const { server, cookie, url } = await start();
    const offered = server.fileLinks.offerDownload('web 01 é.xva');
    const first = fetch(url(offered.link.url), { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    const { sink } = await offered.exchange;
    sink.write(Buffer.alloc(70_000, 1));
    sink.end(Buffer.from('end'));
    const response = await first;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="web 01 _.xva"; filename*=UTF-8''web%2001%20%C3%A9.xva`);
    expect((await response.arrayBuffer()).byteLength).toBe(70_003);
    expect((await fetch(url(offered.link.url), { headers: { cookie } })).status).toBe(410);
  });

  it('refuses a link without the token, from a foreign page, or with the wrong method — and keeps it for its owner', async () => {
    const { server, cookie, url, origin } = await start();
    const offered = server.fileLinks.offerDownload('vm.xva');
    expect((await fetch(url(offered.link.url))).status).toBe(401);
    expect((await fetch(url(offered.link.url), { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(url(offered.link.url), { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(url(offered.link.url), { method: 'PUT', headers: { cookie, origin }, body: 'x' })).status).toBe(410);
    expect((await fetch(url('/files/not-a-token'), { headers: { cookie } })).status).toBe(404);
    // None of those used the link up.
    const response = fetch(url(offered.link.url), { headers: { cookie } });
    (await offered.exchange).sink.end('ok');
    expect(await (await response).text()).toBe('ok');
  });

  it('hands an upload to its job as it streams, with its length, and answers with the job\'s verdict', async () => {
    const { server, cookie, url, origin } = await start();
    const offered = server.fileLinks.offerUpload(300_000);
    const answer = fetch(url(offered.link.url), { method: 'PUT', headers: { cookie, origin }, body: Buffer.alloc(300_000, 7) });
    const exchange = await offered.exchange;
    expect(exchange.length).toBe(300_000);
    let received = 0;
    for await (const piece of exchange.source) received += (piece as Buffer).length;
    expect(received).toBe(300_000);
    exchange.answer(true, 'Imported vm.xva.');
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Imported vm.xva.');
  });

  it('takes a chunked upload (no length) and refuses one with neither length nor chunks', async () => {
    const { server, cookie, served, origin } = await start();
    const offered = server.fileLinks.offerUpload(null);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: served.port, path: offered.link.url, method: 'PUT', headers: { cookie, origin, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('abc');
      req.end('def');
      void offered.exchange.then(async (exchange) => {
        expect(exchange.length).toBeNull();
        let text = '';
        for await (const piece of exchange.source) text += String(piece);
        expect(text).toBe('abcdef');
        exchange.answer(false, 'not an XVA');
      });
    });
    expect(status).toBe(422);
  });
});

describe('FileLinks', () => {
  it('expires a link nobody claimed, failing the job that waits for it', async () => {
    const links = new FileLinks(30);
    const offered = links.offerDownload('vm.xva');
    await expect(offered.exchange).rejects.toMatchObject({ apiError: { code: 'TRANSFER_LINK_EXPIRED' } });
    expect(links.claim(offered.link.url.split('/').at(-1)!, 'download')).toBeNull();
  });

  it('takes a link back when its job ends first', async () => {
    const links = new FileLinks();
    const offered = links.offerUpload(10);
    offered.withdraw(new Error('cancelled'));
    await expect(offered.exchange).rejects.toThrow('cancelled');
    expect(links.claim(offered.link.url.split('/').at(-1)!, 'upload')).toBeNull();
  });
});
