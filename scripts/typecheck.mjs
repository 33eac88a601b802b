// Typechecks every layer with its own tsconfig, so each layer only sees the libraries and types it may use.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { listedFiles, nodeTypeFiles } from './node-types.mjs';

const projects = [
  'src/shared/tsconfig.json',
  'src/main/tsconfig.json',
  'src/cli/tsconfig.json',
  'src/renderer/tsconfig.json',
  'apps/desktop/tsconfig.json',
  'e2e/electron/tsconfig.json',
  'apps/xapi-sim/tsconfig.json',
  'tsconfig.tools.json',
].filter((project) => existsSync(project));

/** Layers that run outside Node: their programs must not contain Node's types (see scripts/node-types.mjs). */
const withoutNode = new Set(['src/shared/tsconfig.json', 'src/renderer/tsconfig.json']);

/** Runs tsc for one project and collects its output. */
function check(project) {
  const listFiles = withoutNode.has(project) ? ['--listFiles'] : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--pretty', 'false', ...listFiles], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      if (listFiles.length === 0) return resolve({ project, code, output });
      const files = new Set(listedFiles(output));
      const diagnostics = output.split(/\r?\n/).filter((line) => !files.has(line)).join('\n');
      const node = nodeTypeFiles(output);
      if (node.length === 0) return resolve({ project, code, output: diagnostics });
      const why = `${project}: Node's types entered this program (${node.length} files, e.g. ${node[0]}); an import of a server-side package brings them. Run tsc -p ${project} --explainFiles to see which.\n`;
      resolve({ project, code: code || 1, output: why + diagnostics });
    });
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
