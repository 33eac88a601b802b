// `npm test`: every check the project has, in order, with one summary at the end.
// Runs inside a private D-Bus session with an unlocked gnome-keyring so keychain tests use the real OS keychain.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from './system-packages.mjs';

const insideSession = process.env.XENITH_TEST_SESSION === '1';

if (!insideSession) {
  ensureSystemPackages();
  if (existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon')) {
    const script = 'echo -n xenith-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node scripts/test-all.mjs';
    // A private keyring directory per run: the keyring is created with our password, whatever an earlier
    // run (or the user's own desktop session) left in ~/.local/share/keyrings.
    const keyringHome = mkdtempSync(join(tmpdir(), 'xenith-keyring-'));
    const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
      stdio: 'inherit',
      env: { ...process.env, XENITH_TEST_SESSION: '1', XDG_DATA_HOME: keyringHome },
    });
    process.exit(result.status ?? 1);
  }
  console.warn('dbus-run-session or gnome-keyring is missing: keychain tests will report themselves skipped.');
}

const reports = mkdtempSync(join(tmpdir(), 'xenith-reports-'));
const steps = [
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'typecheck', command: ['node', 'scripts/typecheck.mjs'] },
  { name: 'build', command: ['node', 'scripts/build.mjs', '--quiet'] },
  { name: 'electronegativity', command: ['node', 'scripts/electronegativity.mjs'], optionalScript: 'scripts/electronegativity.mjs' },
  {
    name: 'unit and integration tests',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`],
    report: () => vitestCounts(join(reports, 'vitest.json')),
  },
  {
    name: 'e2e tests',
    command: ['npx', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') },
    report: () => playwrightCounts(join(reports, 'playwright.json')),
  },
];

/** Reads vitest's JSON report. */
function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
}

/** Reads Playwright's JSON report. */
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const results = [];
for (const step of steps) {
  if (step.optionalScript && !existsSync(step.optionalScript)) continue;
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const run = spawnSync(step.command[0], step.command.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const counts = step.report?.() ?? null;
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000, counts });
}

console.log('\n=== summary ===');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { name, ok, seconds, counts } of results) {
  const detail = counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : '';
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail}  ${seconds.toFixed(1)} s`);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  } else if (ok) passed += 1;
  else failed += 1;
}
const allOk = results.every((result) => result.ok);
if (!allOk && failed === 0) failed = results.filter((result) => !result.ok).length;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(allOk ? 0 : 1);
