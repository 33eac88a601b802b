/**
 * Refuses to start serve mode on a Node older than package.json's `engines` (undici 8 needs ≥ 22.19), with
 * one sentence saying what to do instead of a stack trace from deep inside a dependency.
 *
 * Imported first by the serve entry: ES modules evaluate imports in order, so this runs before undici or
 * xen-api are loaded.
 */

/** The oldest Node serve mode runs on; a test keeps it equal to package.json's `engines.node`. */
export const minimumNodeVersion = '22.19.0';

/** Whether `version` (as in `process.versions.node`) is at least `minimum`. */
export function isAtLeast(version: string, minimum: string): boolean {
  const have = version.split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < need.length; i += 1) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

if (!isAtLeast(process.versions.node, minimumNodeVersion)) {
  process.stderr.write(
    `xenith serve needs Node ${minimumNodeVersion} or newer; this is Node ${process.versions.node}. ` +
      'Run it with `npm run serve` (which uses the Node 24 that `npm ci` installs in node_modules/.bin) ' +
      'or upgrade Node.\n',
  );
  process.exit(1);
}
