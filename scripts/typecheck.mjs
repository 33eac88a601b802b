// Typechecks every layer with its own tsconfig, so each layer only sees the libraries and types it may use.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'src/shared/tsconfig.json',
  'src/main/tsconfig.json',
  'src/renderer/tsconfig.json',
  'apps/desktop/tsconfig.json',
  'e2e/electron/tsconfig.json',
  'apps/xapi-sim/tsconfig.json',
  'tsconfig.tools.json',
].filter((project) => existsSync(project));

/** Runs tsc for one project and collects its output. */
function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--pretty', 'false'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, code, output }));
  });
}

const results = [];
for (let i = 0; i < projects.length; i += 2) results.push(...(await Promise.all(projects.slice(i, i + 2).map(check))));
let failed = 0;
for (const { project, code, output } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} typecheck ${project}`);
  if (code !== 0) {
    failed++;
    process.stdout.write(output);
  }
}
process.exit(failed === 0 ? 0 : 1);
