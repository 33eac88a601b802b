// The one list of Debian packages the test suite needs, and installing the missing ones when we may (root +
// apt-get). `npm test` (scripts/test-all.mjs) and CI (.ci/run, through `node scripts/system-packages.mjs
// --install`) both read this list, so they cannot drift apart; scripts/system-packages.test.ts checks that
// every external tool the tests run is covered by it.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian package → a file that proves it is installed. */
export const systemPackages = {
  chromium: '/usr/bin/chromium',
  'gnome-keyring': '/usr/bin/gnome-keyring-daemon',
  dbus: '/usr/bin/dbus-run-session',
  // dbus-send: Xenith asks the session bus which program provides the Secret Service (src/main/secrets).
  'dbus-bin': '/usr/bin/dbus-send',
  'dbus-x11': '/usr/bin/dbus-launch',
  'libsecret-tools': '/usr/bin/secret-tool',
  python3: '/usr/bin/python3',
  'ca-certificates': '/etc/ssl/certs/ca-certificates.crt',
  'python3-os-xenapi': '/usr/lib/python3/dist-packages/os_xenapi',
  vncsnapshot: '/usr/bin/vncsnapshot',
  xxhash: '/usr/bin/xxhsum',
  zstd: '/usr/bin/zstd',
  'qemu-utils': '/usr/bin/qemu-img',
  openssl: '/usr/bin/openssl',
};

/** Packages whose marker file is absent. */
export function missingPackages() {
  return Object.entries(systemPackages)
    .filter(([, marker]) => spawnSync('test', ['-e', marker]).status !== 0)
    .map(([name]) => name);
}

/** Installs what is missing when running as root on a Debian-like system; otherwise says what to install. */
export function ensureSystemPackages() {
  const missing = missingPackages();
  if (missing.length === 0) return true;
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    console.warn(`Missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    return false;
  }
  console.log(`Installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  return missingPackages().length === 0;
}

// `node scripts/system-packages.mjs --install`: what .ci/run calls before `npm ci`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--install')) {
    console.log(Object.keys(systemPackages).join(' '));
  } else if (!ensureSystemPackages()) {
    process.exitCode = 1;
  }
}
