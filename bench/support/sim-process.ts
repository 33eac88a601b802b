import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface SimProcess {
  info: { hosts: { url: string; fingerprint: string; address: string }[]; masterUrl: string; controlUrl: string; credentials: { user: string; password: string } };
  pid: number;
  control(path: string, body?: unknown): Promise<unknown>;
  stop(): void;
}

/** Runs the simulator in its own process, so its CPU time does not count against what is measured. */
export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const root = resolve(import.meta.dirname, '..', '..');
  const child: ChildProcess = spawn(process.execPath, [resolve(root, 'apps/xapi-sim/bin/xapi-sim.mjs'), ...args, '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    child.once('exit', (code) => fail(new Error(`simulator exited with ${code}`)));
  });
  const info = JSON.parse(line) as SimProcess['info'];
  return {
    info,
    pid: child.pid!,
    async control(path, body = {}) {
      const response = await fetch(`${info.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return response.json();
    },
    stop: () => void child.kill('SIGTERM'),
  };
}
