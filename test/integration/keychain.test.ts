import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import { createKeyringSecretStore, keychainService, probeKeychain } from '../../src/main/secrets/keyring-secret-store.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';

const run = promisify(execFile);
const keychain = await createKeyringSecretStore();
const probe = await probeKeychain(keychain);
const unavailable = probe.available ? null : `skipped: no Secret Service keychain here (${probe.reason}); npm test runs under dbus-run-session with gnome-keyring`;

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

const password = 'Tr0ub4dor-xenith-91';
let sim: SimulatedPool | undefined;
const harnesses: XenithHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  await sim?.stop();
});

describe('saved pools and the OS keychain', () => {
  it('keeps the password in the keychain only, reconnects saved pools at start, and forgets both', async (context) => {
    // Under npm test a keychain is always provided (dbus-run-session + gnome-keyring): there, its absence is a failure.
    if (unavailable && process.env.XENITH_TEST_SESSION === '1') throw new Error(`the test session's keychain does not work: ${probe.available ? '' : probe.reason}`);
    if (unavailable) context.skip(unavailable);
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
