// `npm run serve`: Xenith in a browser. Builds first when the bundle is missing, then runs the serve entry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/main/serve.js') || !existsSync('dist/renderer/index.html')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const serve = spawn(process.execPath, ['dist/main/serve.js', ...process.argv.slice(2)], { stdio: 'inherit' });
serve.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// The server logs out of its pools when it gets SIGTERM: pass it on rather than die and leave it running.
// Ctrl+C already reaches the server (the terminal signals the whole process group), so SIGINT is only waited out.
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  serve.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGHUP'));
process.on('SIGINT', () => {});

// `npm run` passes SIGTERM to the shell it runs this script in, and that shell (dash on Debian) dies without
// passing it on: losing our parent is how that SIGTERM reaches us.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 250).unref();
