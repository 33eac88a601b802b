// Runs the built serve entry as a child and passes stop signals on to it, so the server always gets to log out
// of its pools: used by `npm run serve` and by `npm start`/`npm run demo` when they fall back to serve mode.
import { spawn } from 'node:child_process';

/**
 * Starts `node dist/main/serve.js <args>` and resolves with its exit code.
 * @param {string} serveEntry path of dist/main/serve.js
 * @param {string[]} args
 * @param {{ cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export function runServeChild(serveEntry, args, options = {}) {
  const serve = spawn(process.execPath, [serveEntry, ...args], { stdio: 'inherit', cwd: options.cwd });
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    serve.kill(signal);
  };
  // Ctrl+C already reaches the server (the terminal signals the whole process group), so SIGINT is only waited
  // out; SIGTERM and SIGHUP are passed on rather than letting us die and leave the server running.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  process.on('SIGINT', () => {});
  // `npm run` passes SIGTERM to the shell it runs the script in, and that shell (dash on Debian) dies without
  // passing it on: losing our parent is how that SIGTERM reaches us.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop('SIGTERM');
  }, 250);
  watch.unref();
  return new Promise((resolve) => {
    serve.on('exit', (code, signal) => {
      clearInterval(watch);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
