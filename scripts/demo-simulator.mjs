// `npm run demo`: starts the simulated pool (apps/xapi-sim CLI) and describes it for Xenith (XENITH_DEMO_POOL).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Starts a small, fast demo pool: 3 hosts, a few dozen VMs, certificates kept under .sim-state so their
 * fingerprints stay the same between demo runs.
 * @returns {Promise<{ env: Record<string, string>, stop: () => void, info: any }>}
 */
export async function startDemoSimulator(root) {
  const stateDir = path.join(root, '.sim-state', 'demo');
  mkdirSync(stateDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [path.join(root, 'apps/xapi-sim/bin/xapi-sim.mjs'), '--hosts', '3', '--vms', '36', '--seed', '1', '--time-scale', '0.3', '--state-dir', stateDir, '--json'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before it was ready`)));
  });
  const info = JSON.parse(line);
  const master = new URL(info.masterUrl);
  const spec = {
    address: master.host,
    user: info.credentials.user,
    password: info.credentials.password,
    hosts: info.hosts.map((host) => {
      const url = new URL(host.url);
      return { address: url.hostname, port: Number(url.port) || 443, fingerprint: host.fingerprint };
    }),
  };
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stop);
  // Until Xenith itself runs, a signal stops the simulator and us; once it runs, its own handler stops it first
  // (so it logs out of the pool) and our 'exit' handler then stops the simulator.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      stop();
      process.exit(130);
    });
  }
  console.log(`Simulated demo pool: ${info.hosts.length} hosts at ${info.masterUrl} (control port ${info.controlUrl}).`);
  return {
    info,
    stop,
    env: { XENITH_DEMO_POOL: JSON.stringify(spec), XENITH_DATA_DIR: path.join(root, '.sim-state', 'xenith-demo-data'), XENITH_USER_DATA_DIR: path.join(root, '.sim-state', 'xenith-demo-data') },
  };
}
