import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Job } from '../../../src/shared/api/job-schema.js';

/** A Xenith server running in a child process (xenith-child.ts), for tests that kill it. */
export interface ChildXenith {
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  /** Resolves with the first job event (seen or future) that matches. */
  waitForJob(predicate: (job: Job) => boolean, timeoutMs?: number): Promise<Job>;
  /** SIGKILL: no clean-up, no logout, nothing flushed. */
  kill(): Promise<void>;
}

const childScript = resolve(import.meta.dirname, 'xenith-child.ts');

export async function startChildXenith(dataDir: string): Promise<ChildXenith> {
  const child: ChildProcess = fork(childScript, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, XENITH_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (result: { ok: boolean; output?: unknown; error?: { message: string } }) => void>();
  const jobs: Job[] = [];
  const waiters = new Set<{ predicate: (job: Job) => boolean; resolve: (job: Job) => void }>();
  let nextId = 1;
  const ready = new Promise<void>((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`the child server exited (${code}) before it was ready`)));
    child.on('message', (message: { type: string; id?: number; result?: never; event?: string; payload?: { job: Job } }) => {
      if (message.type === 'ready') resolveReady();
      if (message.type === 'result') pending.get(message.id!)?.(message.result!);
      if (message.type === 'event' && message.event === 'jobs.changed') {
        const job = message.payload!.job;
        jobs.push(job);
        for (const waiter of waiters) {
          if (!waiter.predicate(job)) continue;
          waiters.delete(waiter);
          waiter.resolve(job);
        }
      }
    });
  });
  await ready;
  return {
    call(method, input) {
      const id = nextId++;
      child.send({ type: 'call', id, method, input });
      return new Promise((resolveCall, reject) => {
        pending.set(id, (result) => {
          pending.delete(id);
          if (result.ok) resolveCall(result.output as never);
          else reject(Object.assign(new Error(result.error?.message ?? 'call failed'), result.error));
        });
      });
    },
    waitForJob(predicate, timeoutMs = 30_000) {
      const seen = jobs.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolveJob, reject) => {
        const waiter = { predicate, resolve: resolveJob };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching job within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
