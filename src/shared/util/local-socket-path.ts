/** What decides where the local API socket lives: read from the OS by the caller, so this stays pure. */
export interface LocalSocketPlace {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  uid: number;
  username: string;
  tmpdir: string;
}

/**
 * Where the desktop app serves the API for xenith-cli on this machine, per user: `$XENITH_SOCKET` when set; a
 * named pipe on Windows; otherwise a Unix socket in the user's runtime directory (`$XDG_RUNTIME_DIR`, private to
 * the user), or in a directory of its own under the temporary directory (made 0700 by the server).
 */
export function localSocketPath(place: LocalSocketPlace): string {
  const override = place.env.XENITH_SOCKET;
  if (override) return override;
  if (place.platform === 'win32') return `\\\\.\\pipe\\xenith-${place.username.replace(/[^A-Za-z0-9_.-]/g, '_')}-api`;
  const runtime = place.env.XDG_RUNTIME_DIR;
  const base = runtime ? `${runtime.replace(/\/+$/, '')}/xenith` : `${place.tmpdir.replace(/\/+$/, '')}/xenith-${place.uid}`;
  return `${base}/api.sock`;
}
