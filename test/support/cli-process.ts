import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** What one xenith-cli run left: its exit code and everything it printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs xenith-cli as a person's shell does — `bin/xenith-cli.mjs` in a child process, stdin not a terminal — with
 * its own config directory (XDG_CONFIG_HOME) and any extra environment.
 */
export function runXenithCli(args: readonly string[], env: Record<string, string>, stdin = ''): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'bin/xenith-cli.mjs'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, XENITH_URL: '', XENITH_TOKEN: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
