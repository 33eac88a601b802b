// `npm run serve`: Xenith in a browser. Builds first when the bundle is missing, then runs the serve entry.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/main/serve.js') || !existsSync('dist/renderer/index.html')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const serve = spawnSync(process.execPath, ['dist/main/serve.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(serve.status ?? 0);
