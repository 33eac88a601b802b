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
  const running = startXenithCli(args, env, stdin);
  return running.done;
}

/** A xenith-cli run still going (`watch`): what it printed so far, a signal to send, and how it ended. */
export interface RunningCli {
  readonly output: { stdout: string; stderr: string };
  signal(name: NodeJS.Signals): void;
  readonly done: Promise<CliRun>;
}

export function startXenithCli(args: readonly string[], env: Record<string, string>, stdin = ''): RunningCli {
  const child = spawn(process.execPath, [resolve(repoRoot, 'bin/xenith-cli.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, XENITH_URL: '', XENITH_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun>((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, ...output }));
  });
  child.stdin.end(stdin);
  return { output, signal: (name) => child.kill(name), done };
}
