#!/usr/bin/env node
/**
 * `npm start` / `npm run demo`: the desktop app, or serve mode where Electron cannot run.
 *
 * Builds when dist/ is incomplete, then looks for the Electron binary without triggering the electron
 * package's lazy download (offline that hangs or fails). If there is no binary, no display, or Electron dies
 * within the first seconds, it says so in one line and runs the serve entry with the same arguments, which
 * prints the URL with its token. All arguments (--demo included) pass through to whichever mode runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingDisplayReason, resolveElectronBinary } from '../apps/desktop/launch/electron-binary.mjs';
import { startDemoSimulator } from './demo-simulator.mjs';
import { runServeChild } from './serve-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = process.argv.includes('--demo');
const args = process.argv.slice(2).filter((arg) => arg !== '--demo');
/** How long Electron must stay up to count as started; a broken install dies well within this. */
const startupGraceMs = 5_000;
const builtFiles = ['dist/desktop/main.cjs', 'dist/desktop/preload.cjs', 'dist/main/serve.js', 'dist/renderer/index.html'];

function buildIfNeeded() {
  if (builtFiles.every((file) => existsSync(path.join(root, file)))) return;
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('Xenith could not be built (node scripts/build.mjs failed); see the messages above.');
    process.exit(build.status ?? 1);
  }
}

/**
 * Starts Electron on the repository (package.json main = dist/desktop/main.cjs). Resolves with null once it
 * has stayed up for the grace period, or with the reason it could not start.
 * @param {string} binaryPath
 * @returns {Promise<{ reason: string | null, child: import('node:child_process').ChildProcess | null }>}
 */
function launchElectron(binaryPath) {
  const env = { ...process.env };
  delete env['ELECTRON_RUN_AS_NODE'];
  const child = spawn(binaryPath, [root, ...args], { cwd: root, env, stdio: ['inherit', 'inherit', 'pipe'] });
  /** Electron's stderr is held back during startup so a failure prints one line, not a stack of noise. */
  let heldBack = '';
  const hold = (chunk) => {
    heldBack += chunk;
  };
  child.stderr.on('data', hold);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.stderr.off('data', hold);
      process.stderr.write(heldBack);
      child.stderr.pipe(process.stderr);
      resolve({ reason: null, child });
    }, startupGraceMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ reason: `${binaryPath} could not be run: ${error.message}`, child: null });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Exit 0 during startup is the single-instance lock: another Xenith window was focused instead.
      if (code === 0) process.exit(0);
      const lastLine = heldBack.trim().split('\n').filter(Boolean).pop() ?? 'no message';
      resolve({ reason: `Electron exited at startup with ${signal ?? `code ${code}`}: ${lastLine}`, child: null });
    });
  });
}

async function runServeMode() {
  process.exit(await runServeChild(path.join(root, 'dist/main/serve.js'), args, { cwd: root }));
}

buildIfNeeded();
if (demo) {
  // The demo pool runs as its own process; Xenith gets its address and certificate fingerprints.
  const simulator = await startDemoSimulator(root);
  Object.assign(process.env, simulator.env);
}
const binary = resolveElectronBinary({ electronDir: path.join(root, 'node_modules', 'electron') });
let reason = binary.available ? missingDisplayReason() : binary.reason;
if (binary.available && reason === null) {
  const launch = await launchElectron(binary.path);
  reason = launch.reason;
  if (launch.child) {
    const child = launch.child;
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
}
if (reason !== null) {
  console.log(`Electron cannot start on this machine (${reason}); starting Xenith in serve mode instead.`);
  await runServeMode();
}
