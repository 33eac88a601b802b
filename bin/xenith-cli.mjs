#!/usr/bin/env node
// xenith-cli (src/cli): in a checkout it runs the TypeScript source through tsx (installed by `npm ci`), so
// `npx xenith-cli` always matches the code beside it; an installed package runs the bundle `npm run build` makes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli/xenith-cli.ts', import.meta.url);
const bundle = new URL('../dist/cli/xenith-cli.js', import.meta.url);

async function tsxRegistered() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return true;
  } catch {
    return false;
  }
}

if (existsSync(fileURLToPath(source)) && (await tsxRegistered())) {
  await import(source.href);
} else if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  process.stderr.write('xenith-cli: neither the source with tsx nor a build was found. Run `npm ci` (or `npm run build`) first.\n');
  process.exit(1);
}
