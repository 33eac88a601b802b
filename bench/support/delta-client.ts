import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the client process says after each frame: wall-clock time, objects held, and (after additions) counts. */
export interface ClientProgress {
  t: number;
  size: number;
  frames: number;
  hosts?: number;
  vms?: number;
  pools?: number;
}

export interface ClientReport {
  latencies: number[];
  deltaBytes: number;
  changedEntries: number;
  fullBytes: number;
  size: number;
  frames: number;
  receivedBytes: number;
}

/** A browser-like object-stream client in its own process (bench/support/delta-client.mjs). */
export interface DeltaClient {
  readonly pid: number;
  /** Every progress message so far (cleared by `clearProgress`). */
  readonly progress: ClientProgress[];
  clearProgress(): void;
  /** Resolves with the first progress message (already received or future) that matches. */
  waitFor(predicate: (progress: ClientProgress) => boolean): Promise<ClientProgress>;
  setLatency(on: boolean): Promise<void>;
  setBytes(on: boolean): Promise<void>;
  haltedVms(): Promise<string[]>;
  /** Latencies since the last report, bytes counted, objects held. */
  report(): Promise<ClientReport>;
  close(): void;
}

/**
 * Starts the client on the serve transport's WebSocket URL; `bytesPerSecond` makes it read no faster than that (a slow
 * link); `quiet` sends no progress after each frame.
 */
export async function startDeltaClient(url: string, options: { bytesPerSecond?: number; quiet?: boolean } = {}): Promise<DeltaClient> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./delta-client.mjs', import.meta.url)), [url, JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const progress: ClientProgress[] = [];
  const waiters = new Set<{ predicate: (progress: ClientProgress) => boolean; resolve: (progress: ClientProgress) => void }>();
  const replies = new Map<string, (message: Record<string, unknown>) => void>();
  child.on('message', (raw) => {
    const message = raw as { type: string } & Record<string, unknown>;
    if (message.type === 'progress') {
      const entry = message as unknown as ClientProgress;
      progress.push(entry);
      for (const waiter of waiters) {
        if (!waiter.predicate(entry)) continue;
        waiters.delete(waiter);
        waiter.resolve(entry);
      }
      return;
    }
    replies.get(message.type)?.(message);
    replies.delete(message.type);
  });
  const ask = <T,>(cmd: string, reply: string, extra: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      replies.set(reply, (message) => resolve(message as T));
      child.send({ cmd, ...extra });
    });
  await new Promise<void>((resolve) => replies.set('open', () => resolve()));
  return {
    pid: child.pid!,
    progress,
    clearProgress: () => void progress.splice(0),
    waitFor(predicate) {
      const seen = progress.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.add({ predicate, resolve }));
    },
    setLatency: async (on) => void (await ask('latency', 'latency', { on })),
    setBytes: async (on) => void (await ask('bytes', 'bytes', { on })),
    haltedVms: async () => (await ask<{ refs: string[] }>('haltedVms', 'haltedVms')).refs,
    report: () => ask<ClientReport>('report', 'report'),
    close: () => {
      child.send({ cmd: 'close' });
      setTimeout(() => child.kill(), 1000).unref();
    },
  };
}
