import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStreamLogger } from '../logging/logger.js';
import { chooseSecretStore } from '../secrets/choose-secret-store.js';
import { createServer } from '../server.js';
import { followLocalSocketSetting, type LocalSocketSwitch } from '../transport/local-socket-switch.js';
import { startServeTransport, type ServeHandle } from '../transport/serve-transport.js';
import { defaultDataDir } from './data-dir.js';
import { connectDemoPool } from './demo-pool.js';
import { parseServeArgs } from './serve-args.js';
import { resolveServeTls } from './serve-tls.js';
import { stopOnSignals } from './stop-on-signals.js';
import { xenithVersion } from './version.js';

/** `npm run serve`: the embedded server and the UI on a loopback port, for a browser. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`xenith serve: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const logger = createStreamLogger();
  // Off loopback, only over TLS: a given certificate or one made now (see resolveServeTls).
  const tls = await resolveServeTls(args).catch((error: unknown) => {
    process.stderr.write(`xenith serve: ${(error as Error).message}\n`);
    process.exit(2);
  });
  const secrets = await chooseSecretStore(logger, (message) => process.stderr.write(`${message}\n`));
  const server = createServer({
    secrets,
    paths: { dataDir: args.dataDir ?? defaultDataDir() },
    logger,
    host: { mode: 'serve', version: xenithVersion(), electron: null },
  });
  let handle: ServeHandle | null = null;
  let localSocket: LocalSocketSwitch | null = null;
  // From here on a signal logs out of every pool before exiting (a session left behind counts against XAPI's
  // per-originator limit), even while saved pools are still connecting.
  stopOnSignals(async () => {
    await localSocket?.close();
    await handle?.close();
    await server.close();
  }, (line) => process.stderr.write(`${line}\n`));
  await server.start();
  if (process.env.XENITH_DEMO_POOL) {
    await connectDemoPool(server, process.env.XENITH_DEMO_POOL, logger).catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
    });
  }
  const here = dirname(fileURLToPath(import.meta.url));
  handle = await startServeTransport({
    server,
    staticDir: process.env.XENITH_RENDERER_DIR ?? join(here, '..', 'renderer'),
    logger,
    host: args.host,
    port: args.port,
    allowedHosts: args.allowHosts,
    ...(tls.kind === 'plain' ? {} : { tls: tls.credentials }),
  });
  // The local API socket for xenith-cli, when Settings' switch is on (off by default).
  localSocket = followLocalSocketSetting(server, { logger });
  const fingerprint = tls.kind === 'plain' ? undefined : tls.fingerprint;
  if (args.json) process.stdout.write(`${JSON.stringify({ url: handle.url, port: handle.port, host: handle.host, fingerprint })}\n`);
  else process.stdout.write(`Xenith is running. Open this address in your browser:\n\n    ${handle.url}\n\n`);
  if (!args.json && fingerprint) {
    process.stdout.write(`Its certificate's SHA-256 fingerprint (check your browser shows the same before accepting it):\n\n    ${fingerprint}\n\n`);
  }
}

await main();
