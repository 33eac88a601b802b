import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import { silentLogger } from '../../src/main/logging/logger.js';
import { chooseSecretStore } from '../../src/main/secrets/choose-secret-store.js';
import { keychainService } from '../../src/main/secrets/keyring-secret-store.js';
import { probeAccount, probeAccountPrefix, probeKeychain } from '../../src/main/secrets/probe-keychain.js';
import { appMethods } from '../../src/shared/api/methods/app.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

const run = promisify(execFile);
// Chosen exactly as Xenith chooses at start: this start-up's probe is one the tests below look for.
const notices: string[] = [];
const keychain = await chooseSecretStore(silentLogger, (message) => notices.push(message));
const unavailable = keychain.store === 'session' ? `skipped: no Secret Service keychain here (${notices.join(' ')}); npm test runs under dbus-run-session with gnome-keyring` : null;
const inTestSession = process.env.XENITH_TEST_SESSION === '1';

/** Under npm test a keychain is always provided (dbus-run-session + gnome-keyring): there, its absence is a failure. */
function requireKeychain(context: { skip(note: string): void }): void {
  if (unavailable && inTestSession) throw new Error(`the test session's keychain does not work: ${notices.join(' ')}`);
  if (unavailable) context.skip(unavailable);
}

/** Reads a Xenith entry with libsecret's own command-line client, not through Xenith's code. */
async function secretToolLookup(account: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', keychainService, 'username', account]);
    return stdout;
  } catch {
    return null;
  }
}

/** Every file under a directory, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

/** The accounts of Xenith's probe entries in the Secret Service, as libsecret's own client lists them. */
async function secretServiceProbeAccounts(): Promise<string[]> {
  // secret-tool prints the attributes on stderr (the secrets on stdout, which are not kept).
  const { stderr } = await run('secret-tool', ['search', '--all', 'service', keychainService]);
  return [...stderr.matchAll(/^attribute\.username = (\S+)$/gm)].map((match) => match[1]!).filter((account) => account.startsWith(probeAccountPrefix));
}

/** The kernel keys this user can see whose description names one process's probe: @napi-rs/keyring's fallback store. */
function kernelProbeKeys(pid: number): string[] {
  const probeOf = new RegExp(`${probeAccountPrefix}${pid}(?:-|@)`);
  return readFileSync('/proc/keys', 'utf8').split('\n').filter((line) => probeOf.test(line));
}

interface ChildStartup {
  pid: number;
  store: string;
  kind: string;
  persistent: boolean;
  notices: string[];
}

/** Xenith's start-up choice of keychain in a child process that has no session bus to reach (as over SSH or in a container). */
function startupWithoutSessionBus(): ChildStartup {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'xenith-no-bus-'));
  // libdbus also looks for $XDG_RUNTIME_DIR/bus and X11 autolaunch: an empty runtime directory and no DISPLAY close both.
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtimeDir };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DBUS_STARTER_ADDRESS;
  delete env.DISPLAY;
  const chooser = new URL('../../src/main/secrets/choose-secret-store.ts', import.meta.url).href;
  const script = `
    const { chooseSecretStore } = await import(${JSON.stringify(chooser)});
    const notices = [];
    const chosen = await chooseSecretStore({ info() {}, warn() {}, error() {} }, (message) => notices.push(message));
    process.stdout.write(JSON.stringify({ pid: process.pid, store: chosen.store, kind: chosen.kind, persistent: chosen.persistent, notices }));`;
  try {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8', cwd: repoRoot });
    if (child.status !== 0) throw new Error(`the child start-up failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as ChildStartup;
  } finally {
    rmSync(runtimeDir, { recursive: true, force: true });
  }
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const password = 'Tr0ub4dor-xenith-91';
let sim: SimulatedPool | undefined;
const harnesses: XenithHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  await sim?.stop();
});

describe('saved pools and the OS keychain', () => {
  it('keeps the password in the keychain only, reconnects saved pools at start, and forgets both', async (context) => {
    requireKeychain(context);
    sim = await startSimulatedPool({ hosts: 2, vms: 4, seed: 11, users: { root: password } });
    const first = startXenith({ secrets: keychain });
    harnesses.push(first);
    first.autoTrust();
    const added = await first.call<PoolSummary>('pool.add', { address: new URL(sim.masterUrl).host, user: 'root', password, save: true });
    expect(added).toMatchObject({ saved: true, passwordInKeychain: true, state: 'connected' });
    const account = `pool:${added.poolId}`;
    expect(await secretToolLookup(account)).toBe(password);

    const files = allText(first.dataDir);
    expect(files).toContain(new URL(sim.masterUrl).host);
    expect(files).not.toContain(password);
    expect(first.logLines.join('\n')).not.toContain(password);

    // A new Xenith on the same settings directory reconnects the saved pool by itself.
    await first.close();
    harnesses.splice(0);
    const second = startXenith({ secrets: keychain, dataDir: first.dataDir });
    harnesses.push(second);
    await second.server.start();
    await waitUntil(() => second.server.internals.pools.list().some((pool) => pool.poolId === added.poolId && pool.state === 'connected'), 'the saved pool to reconnect at start');
    expect(second.events.some((event) => event.event === 'trust.request')).toBe(false);

    expect(await second.call('pool.forget', { poolId: added.poolId })).toEqual({ forgotten: true });
    expect(await secretToolLookup(account)).toBeNull();
    expect(allText(second.dataDir)).not.toContain(added.poolId);
    expect(second.logLines.join('\n')).not.toContain(password);
  });
});

describe('which keychain Xenith uses, and says it uses', () => {
  it('uses the Secret Service when it answers, and app.health names it', async (context) => {
    requireKeychain(context);
    expect(keychain).toMatchObject({ store: 'secret-service', persistent: true });
    // The test session's Secret Service is gnome-keyring; on a developer's desktop it is whichever runs there.
    if (inTestSession) expect(keychain.kind).toBe('Secret Service (GNOME Keyring)');
    else expect(keychain.kind).toMatch(/^Secret Service/);
    const xenith = startXenith({ secrets: keychain });
    harnesses.push(xenith);
    const health = await xenith.call('app.health', {});
    // What the UI receives is what the contract declares.
    expect(appMethods['app.health'].output.parse(health)).toMatchObject({ secrets: { store: 'secret-service', kind: keychain.kind, persistent: true } });
  });

  it('leaves no probe entry behind, in the Secret Service nor in the kernel keyring', async (context) => {
    requireKeychain(context);
    // The search does see a probe entry while one exists…
    const planted = probeAccount();
    await keychain.set(planted, 'planted');
    expect(await secretServiceProbeAccounts()).toContain(planted);
    expect(await keychain.delete(planted)).toBe(true);
    // …and after this process's start-up probe (at the top of this file) and one more, none of this process's is left.
    expect(await probeKeychain(keychain)).toEqual({ available: true });
    expect((await secretServiceProbeAccounts()).filter((account) => account.startsWith(`${probeAccountPrefix}${process.pid}-`))).toEqual([]);
    if (existsSync('/proc/keys')) expect(kernelProbeKeys(process.pid)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('with no session bus, keeps passwords for this session only and never touches the kernel keyring', () => {
    const startup = startupWithoutSessionBus();
    expect(startup).toMatchObject({ store: 'session', kind: 'session only', persistent: false });
    expect(startup.notices).toEqual([
      expect.stringMatching(/^No OS keychain is available \(Secret Service: .+\)\. Saved pools will keep their passwords for this session only\.$/),
    ]);
    // Before this fix the kernel keyring answered here, and kept a "keyring:xenith-probe-<pid>@Xenith" key.
    if (existsSync('/proc/keys')) expect(kernelProbeKeys(startup.pid)).toEqual([]);
  });
});
