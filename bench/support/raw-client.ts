import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The raw xen-api client's sync of a pool, measured in its own process. */
export interface RawSync {
  syncMs: number;
  objects: number;
  /** RSS and heap after a full collection, with the pool minus before it. */
  rssBytes: number;
  heapBytes: number;
}

/** The baseline client (bench/support/raw-client.mjs), once synced; it keeps following the pool's events. */
export interface RawClient {
  readonly sync: RawSync;
  setLatency(on: boolean): Promise<void>;
  /** Event → collection latencies since the last report. */
  latencies(): Promise<number[]>;
  close(): Promise<void>;
}

/** Starts the raw client on a pool and resolves once its sync is done. */
export async function startRawClient(url: string, credentials: { user: string; password: string }): Promise<RawClient> {
  const child = fork(fileURLToPath(new URL('./raw-client.mjs', import.meta.url)), [url, credentials.user, credentials.password], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies = new Map<string, (message: Record<string, unknown>) => void>();
  child.on('message', (raw) => {
    const message = raw as { type: string } & Record<string, unknown>;
    replies.get(message.type)?.(message);
    replies.delete(message.type);
  });
  const next = <T,>(type: string) => new Promise<T>((resolve) => replies.set(type, (message) => resolve(message as T)));
  const sync = await next<RawSync>('synced');
  return {
    sync,
    async setLatency(on) {
      const reply = next('latency');
      child.send({ cmd: 'latency', on });
      await reply;
    },
    async latencies() {
      const reply = next<{ latencies: number[] }>('report');
      child.send({ cmd: 'report' });
      return (await reply).latencies;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'close' });
      setTimeout(() => child.kill(), 3000).unref();
      await exited;
    },
  };
}
