// Builds every runnable part: the renderer (Vite), the embedded server's serve entry and the Electron shell (esbuild).
// Why esbuild for main/preload instead of electron-vite: two small bundles need no framework, and the same
// esbuild call produces the plain-Node bundle that CI checks for a stray `electron` import.
import { existsSync, readFileSync } from 'node:fs';
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { assertNoElectron } from './check-main-bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
const define = { XENITH_VERSION: JSON.stringify(version) };
const quiet = process.argv.includes('--quiet');

await viteBuild({ configFile: `${root}vite.config.ts`, logLevel: quiet ? 'warn' : 'info' });

/** What the plain-Node bundles share: ESM for Node 22+, packages left to node_modules, a metafile for the check. */
const plainNode = { bundle: true, platform: 'node', format: 'esm', target: 'node22', sourcemap: true, define, packages: 'external', metafile: true, logLevel: 'warning' };

const mainBundle = await esbuild({
  ...plainNode,
  // serve-entry checks the Node version, then loads the server from its own chunk: the externals (undici,
  // xen-api…) are imported by that chunk, so an old Node gets a sentence instead of a crash inside undici.
  entryPoints: { serve: `${root}src/main/cli/serve-entry.ts` },
  outdir: `${root}dist/main`,
  splitting: true,
  chunkNames: '[name]-[hash]',
});
assertNoElectron(mainBundle.metafile, `${root}dist/main/serve.js`);

// xenith-cli: a plain-Node client of the contract (src/cli), bundled for an installed package; bin/xenith-cli.mjs
// runs it when there is no source to run through tsx. Packages stay external (ws, zod, @napi-rs/keyring).
const cliBundle = await esbuild({ ...plainNode, entryPoints: { 'xenith-cli': `${root}src/cli/xenith-cli.ts` }, outdir: `${root}dist/cli` });
assertNoElectron(cliBundle.metafile, `${root}dist/cli/xenith-cli.js`);

for (const [entry, out] of [
  ['apps/desktop/main.ts', 'dist/desktop/main.cjs'],
  ['apps/desktop/preload.ts', 'dist/desktop/preload.cjs'],
]) {
  if (!existsSync(`${root}${entry}`)) continue;
  await esbuild({
    entryPoints: [`${root}${entry}`],
    outfile: `${root}${out}`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    define,
    external: ['electron', '@napi-rs/keyring'],
    logLevel: 'warning',
  });
}
if (!quiet) console.log(`built Xenith ${version} into dist/`);
