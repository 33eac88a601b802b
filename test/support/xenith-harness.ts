import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerEvent } from '../../src/main/events/event-bus.js';
import { createStreamLogger } from '../../src/main/logging/logger.js';
import { createSessionSecretStore, type SecretStore } from '../../src/main/secrets/secret-store.js';
import { createServer, type ClientSession, type ServerOptions, type XenithServer } from '../../src/main/server.js';

/** A real Xenith server on a throwaway data directory with one recording client attached. */
export interface XenithHarness {
  server: XenithServer;
  client: ClientSession;
  dataDir: string;
  logLines: string[];
  events: ServerEvent[];
  /** Calls a method and returns its output, throwing the ApiError on failure. */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  /** Resolves with the first event (already received or future) that matches. */
  waitForEvent(predicate: (event: ServerEvent) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  /** Accepts every certificate question as it comes (what a user clicking Accept does). */
  autoTrust(): void;
  close(): Promise<void>;
}

export function startXenith(options: { secrets?: SecretStore; dataDir?: string; server?: ServerOptions } = {}): XenithHarness {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'xenith-it-'));
  const logLines: string[] = [];
  const server = createServer(
    {
      secrets: options.secrets ?? createSessionSecretStore(),
      paths: { dataDir },
      logger: createStreamLogger((line) => logLines.push(line)),
      host: { mode: 'serve', version: 'test', electron: null },
    },
    { retryDelaysMs: [200, 500, 1000], ...options.server },
  );
  const events: ServerEvent[] = [];
  const waiters = new Set<{ predicate: (event: ServerEvent) => boolean; resolve: (event: ServerEvent) => void }>();
  let trustAll = false;
  const client = server.connectClient({
    send(event) {
      events.push(event);
      for (const waiter of waiters) {
        if (waiter.predicate(event)) {
          waiters.delete(waiter);
          waiter.resolve(event);
        }
      }
      // Accepts new certificates only: a changed one is always left for the test to decide.
      if (trustAll && event.event === 'trust.request' && !(event.payload as { changed: boolean }).changed) void client.dispatch('trust.decide', { requestId: (event.payload as { requestId: string }).requestId, accept: true });
    },
    backlogBytes: () => 0,
  });
  const harness: XenithHarness = {
    server, client, dataDir, logLines, events,
    async call(method, input) {
      const result = await client.dispatch(method, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.output as never;
    },
    waitForEvent(predicate, timeoutMs = 30_000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching event within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    autoTrust() {
      trustAll = true;
    },
    async close() {
      client.close();
      await server.close();
    },
  };
  return harness;
}
