#!/usr/bin/env node
/**
 * Scans the Electron shell with Electronegativity and fails on any HIGH severity finding.
 *
 * Usage: node scripts/electronegativity.mjs [--input <dir or file>] [--json]
 * Default input: apps/desktop (the TypeScript sources; Electronegativity parses .ts with Babel's TypeScript
 * plugin, so the literal webPreferences, CSP and handlers are read where they are written).
 *
 * Offline and fast: the programmatic runner is used and the one check that downloads Electron's release list
 * (AvailableSecurityFixesGlobalCheck) is left out; the Electron version is read from node_modules instead.
 * Electronegativity still tries to fetch translations once (1 s timeout) and falls back to English.
 * Exit codes: 0 no HIGH finding, 1 HIGH finding or a file it could not parse, 2 the scanner itself failed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: { input: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const input = path.resolve(repoRoot, values.input ?? 'apps/desktop');

/** Checks that need the network; their question (is this Electron current?) is answered by the lockfile. */
const networkChecks = ['AvailableSecurityFixesGlobalCheck'];
const failingSeverities = new Set(['HIGH']);

function electronVersion() {
  try {
    return JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

async function main() {
  const electronegativity = require('@doyensec/electronegativity');
  const run = electronegativity.default ?? electronegativity;
  const version = electronVersion();
  // The runner prints progress chatter through console.log; keep the output to our summary.
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run(
      {
        input,
        isRelative: true,
        customScan: [],
        excludeFromScan: networkChecks,
        ...(version ? { electronVersionOverride: version } : {}),
      },
      false,
    );
  } finally {
    console.log = log;
  }

  const findings = result.issues.map((issue) => ({
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    id: issue.id,
    file: issue.file,
    line: issue.location.line,
    manualReview: Boolean(issue.manualReview),
    description: issue.description,
  }));
  const unparsed = result.errors.filter((error) => !error.tolerable);
  const blocking = findings.filter((finding) => failingSeverities.has(finding.severity));

  if (values.json) {
    console.log(JSON.stringify({ input, electronVersion: version, findings, unparsed }, null, 2));
  } else {
    const order = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
    findings.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    const counts = order.map((severity) => `${findings.filter((f) => f.severity === severity).length} ${severity}`);
    console.log(
      `Electronegativity ${path.relative(repoRoot, input) || '.'} (Electron ${version ?? 'unknown'}, ` +
        `${result.atomicChecks + result.globalChecks} checks): ${counts.join(', ')}`,
    );
    for (const f of findings) {
      const review = f.manualReview ? ' [review]' : '';
      console.log(`  ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line}${review} ${f.description}`);
    }
    for (const error of unparsed) console.log(`  UNPARSED      ${error.file}: ${error.message}`);
  }

  if (blocking.length > 0 || unparsed.length > 0) {
    console.error(
      `electronegativity: FAIL (${blocking.length} HIGH finding(s), ${unparsed.length} file(s) not parsed)`,
    );
    process.exitCode = 1;
  } else if (!values.json) {
    console.log('electronegativity: PASS (no HIGH finding)');
  }
}

// Exit as soon as the verdict is out: the scanner's translation fetch (got + p-cancelable) keeps a retry timer
// alive that, on Node 24, throws "onCancel handler attached after the promise settled" once it fires.
main()
  .catch((error) => {
    console.error(`electronegativity: the scanner failed: ${error?.stack ?? error}`);
    process.exitCode = 2;
  })
  .finally(() => process.exit());
