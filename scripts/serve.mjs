// `npm run serve`: Xenith in a browser. Builds first when the bundle is missing, then runs the serve entry.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runServeChild } from './serve-child.mjs';

if (!existsSync('dist/main/serve.js') || !existsSync('dist/renderer/index.html')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
process.exit(await runServeChild('dist/main/serve.js', process.argv.slice(2)));
