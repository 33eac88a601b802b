/**
 * The update source: a loopback HTTP server standing in for the vendors' update sites. XenServer side:
 * `GET /xenserver/updates.xml` and `GET /xenserver/<name>.zip`; XCP-ng side: `GET /xcp-ng/<repo>/repodata/repomd.xml`
 * and `primary.xml` listing what the pool's RPM catalogue publishes in that repo.
 */
import { createServer, type Server } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Engine } from '../api/engine.js';
import { rpmCatalogue } from '../updates/rpm-catalogue.js';
import { XenServerCatalogue } from './xenserver-catalogue.js';
import { primaryXml, repomdXml } from './yum-repodata.js';

export interface UpdateSource {
  url: string;
  xenserver: XenServerCatalogue;
  stop(): Promise<void>;
}

export async function startUpdateSource(engine: Engine, opts: { address?: string; port?: number } = {}): Promise<UpdateSource> {
  const xenserver = new XenServerCatalogue();
  let url = '';
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only');
    if (path === '/xenserver/updates.xml') return send(200, 'text/xml', xenserver.updatesXml(url));
    const zip = /^\/xenserver\/([^/]+)\.zip$/.exec(path);
    if (zip) {
      const u = xenserver.byName(zip[1]!);
      if (!u) return send(404, 'text/plain', 'no such update');
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(u.size) });
      if (req.method === 'HEAD') return res.end();
      // Streamed with backpressure: a large update is generated as the client reads it.
      return void pipeline(u.open(), res).catch(() => res.destroy());
    }
    const repo = /^\/xcp-ng\/([^/]+)\/repodata\/(primary|repomd)\.xml$/.exec(path);
    if (repo) {
      const catalogue = rpmCatalogue(engine);
      const packages = catalogue.published.filter((p) => p.repo === repo[1]);
      const primary = primaryXml(packages);
      return send(200, 'text/xml', repo[2] === 'primary' ? primary : repomdXml(primary, catalogue.published.length));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.address ?? '127.0.0.1', () => resolve());
  });
  const a = server.address();
  url = `http://${opts.address ?? '127.0.0.1'}:${a && typeof a === 'object' ? a.port : 0}`;
  return {
    url,
    xenserver,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
