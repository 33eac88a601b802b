import { randomBytes } from 'node:crypto';
import type { SecretStore } from './secret-store.js';

/** Every probe entry's account starts with this, so a test (or a person) can search for leftovers. */
export const probeAccountPrefix = 'xenith-probe-';

/** A probe account no other process or probe shares: the pid says whose it is, the suffix keeps it unique. */
export function probeAccount(pid = process.pid): string {
  return `${probeAccountPrefix}${pid}-${randomBytes(4).toString('hex')}`;
}

export type ProbeResult = { available: true } | { available: false; reason: string };

const probeValue = 'probe';

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checks that the keychain really works here (a headless box often has no Secret Service) by writing,
 * reading and deleting a probe entry. The delete runs on every path — a refused write or read may still
 * have left the entry — so a start-up never leaves a probe behind.
 */
export async function probeKeychain(store: SecretStore, account = probeAccount()): Promise<ProbeResult> {
  let result: ProbeResult;
  try {
    await store.set(account, probeValue);
    const value = await store.get(account);
    result = value === probeValue ? { available: true } : { available: false, reason: 'the keychain did not return what was stored' };
  } catch (error) {
    result = { available: false, reason: reasonOf(error) };
  }
  try {
    await store.delete(account);
  } catch (error) {
    // A keychain that keeps what it was asked to delete would keep a forgotten pool's password too.
    if (result.available) result = { available: false, reason: `the keychain refused to delete an entry (${reasonOf(error)})` };
  }
  return result;
}
