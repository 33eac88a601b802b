import { execFile } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The well-known bus name every Secret Service implementation owns. */
const secretServiceBusName = 'org.freedesktop.secrets';

/** Programs known to provide the Secret Service, by executable name (or its 15-character kernel comm). */
const knownProviders: Record<string, string> = {
  'gnome-keyring-daemon': 'GNOME Keyring',
  'gnome-keyring-d': 'GNOME Keyring',
  kwalletd5: 'KWallet',
  kwalletd6: 'KWallet',
  ksecretd: 'KWallet',
  keepassxc: 'KeePassXC',
  'oo7-daemon': 'oo7',
};

/** A person's name for the program providing the Secret Service; an unknown program keeps its own name. */
export function providerLabel(program: string): string | null {
  const name = program.trim();
  if (knownProviders[name]) return knownProviders[name];
  // Shown in the UI as it is: only a plain program name is worth showing.
  return /^[\w.+-]{1,64}$/.test(name) ? name : null;
}

/** How the Secret Service is named in messages and app.health: with its provider when known. */
export function secretServiceKind(provider: string | null): string {
  return provider ? `Secret Service (${provider})` : 'Secret Service';
}

/** The pid of the process owning the Secret Service's bus name, asked of the session bus through dbus-send. */
async function secretServiceOwnerPid(): Promise<number | null> {
  try {
    const { stdout } = await run(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', `string:${secretServiceBusName}`],
      // Naming the provider is a courtesy: a bus that does not answer at once must not hold up the start.
      { timeout: 3000 },
    );
    const pid = /\buint32 (\d+)/.exec(stdout)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** The executable's name of a local process (from /proc: Linux only). */
async function programOf(pid: number): Promise<string | null> {
  try {
    return basename(await readlink(`/proc/${pid}/exe`));
  } catch {
    // Another user's process (or a sandbox) hides its executable, not always its name.
    return readFile(`/proc/${pid}/comm`, 'utf8').catch(() => null);
  }
}

/**
 * Names the program answering the Secret Service on the session bus ("GNOME Keyring", "KWallet"), or null when
 * it cannot tell (no dbus-send, no /proc, a sandboxed bus). Ask after the keychain answered: by then a
 * D-Bus-activated provider is running and owns the name.
 */
export async function secretServiceProvider(): Promise<string | null> {
  const pid = await secretServiceOwnerPid();
  if (pid === null) return null;
  const program = await programOf(pid);
  return program === null ? null : providerLabel(program);
}
