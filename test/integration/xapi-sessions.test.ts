import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { xenithOriginator } from '../../src/main/pools/xapi-session.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

let sim: SimulatedPool | undefined;
let xenith: XenithHarness | undefined;
let serve: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  // SIGTERM, as a user would: the server logs out and stops (npm's launcher follows it too).
  if (serve && serve.exitCode === null && serve.signalCode === null) serve.kill('SIGTERM');
  await xenith?.close();
  await sim?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  serve = xenith = sim = dataDir = undefined;
});

interface SessionCounts {
  live: number;
  byOriginator: Record<string, number>;
}

/** The simulator's own count of live sessions (its control port), by originator. */
async function sessionsOnPool(): Promise<SessionCounts> {
  const status = (await (await fetch(`${sim!.controlUrl}/status`)).json()) as { sessions: SessionCounts };
  return status.sessions;
}

const xenithSessions = async () => (await sessionsOnPool()).byOriginator[xenithOriginator] ?? 0;

/**
 * Starts serve mode as a process (`command args --json --data-dir …`) with the simulator as its demo pool, which it
 * connects at start, and resolves once it printed its address.
 */
async function startServe(command: string, args: string[]): Promise<{ child: ChildProcess; exited: Promise<number | null>; url: string }> {
  dataDir = mkdtempSync(join(tmpdir(), 'xenith-sessions-'));
  const master = sim!.hosts.find((host) => host.master)!;
  const demoPool = {
    address: new URL(master.url).host,
    user: 'root',
    password: 'xenith',
    hosts: sim!.hosts.map((host) => ({ address: host.address, port: Number(new URL(host.url).port), fingerprint: host.fingerprint })),
  };
  const child = spawn(command, [...args, '--json', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, XENITH_DEMO_POOL: JSON.stringify(demoPool) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serve = child;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) resolveLine(line);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before it was ready:\n${stderr}`)));
  });
  expect(stderr).toContain('demo pool connected');
  return { child, exited, url: (JSON.parse(ready) as { url: string }).url };
}

describe('XAPI sessions', () => {
  it('logs in with the Xenith originator, one session per pool, and logs out on disconnect and forget', async () => {
    sim = await startSimulatedPool({ hosts: 2, vms: 2, seed: 4, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password: 'xenith', save: false });
    expect(await sessionsOnPool()).toEqual({ live: 1, byOriginator: { [xenithOriginator]: 1 } });

    await xenith.call('pool.disconnect', { poolId });
    expect(await sessionsOnPool()).toEqual({ live: 0, byOriginator: {} });

    await xenith.call('pool.connect', { poolId });
    expect(await xenithSessions()).toBe(1);
    await xenith.call('pool.forget', { poolId });
    expect(await sessionsOnPool()).toEqual({ live: 0, byOriginator: {} });
  });

  it('a failed Add leaves no session: the one that logged in is logged out', async () => {
    sim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 4, timeScale: 0.02 });
    xenith = startXenith();
    xenith.autoTrust();
    const address = new URL(sim.masterUrl).host;
    await xenith.call<PoolSummary>('pool.add', { address, user: 'root', password: 'xenith', label: 'first', save: false });
    // Same pool under another spelling of its address: it logs in, then is refused as a duplicate.
    const refused = await xenith.call('pool.add', { address: address.replace('127.0.0.1', 'localhost'), user: 'root', password: 'xenith', save: false }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'POOL_ALREADY_CONNECTED' });
    expect(await xenithSessions()).toBe(1);
  });

  it('after the serve entry is stopped with SIGTERM, the pool has no session left for Xenith', async () => {
    sim = await startSimulatedPool({ hosts: 2, vms: 2, seed: 6, timeScale: 0.02 });
    // The serve entry from source, so this checks the code as it is now (the next test runs the built one).
    const { child, exited } = await startServe(process.execPath, ['--import', 'tsx', 'src/main/cli/serve.ts']);
    expect(await sessionsOnPool()).toEqual({ live: 1, byOriginator: { [xenithOriginator]: 1 } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await sessionsOnPool()).toEqual({ live: 0, byOriginator: {} });
  });

  it('after `npm run serve` is stopped with SIGTERM, the server logs out and exits too', { timeout: 240_000 }, async () => {
    sim = await startSimulatedPool({ hosts: 2, vms: 2, seed: 6, timeScale: 0.02 });
    // npm passes SIGTERM to the shell it runs the script in, which does not pass it on (scripts/serve.mjs copes).
    const { child, url } = await startServe('npm', ['run', '--silent', 'serve', '--']);
    expect(await xenithSessions()).toBe(1);

    child.kill('SIGTERM');
    await waitUntil(async () => (await sessionsOnPool()).live === 0, 'the pool to have no session left');
    await waitUntil(() => fetch(url).then(() => false, () => true), 'the server to stop listening');
  });
});
