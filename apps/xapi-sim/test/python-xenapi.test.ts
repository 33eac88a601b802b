/**
 * Conformance with Debian's python3-os-xenapi XenAPI client (XML-RPC over HTTPS; the script uses an unverified
 * TLS context because the simulator's certificates are self-signed).
 */
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { tinyPool } from './tiny-pool.js';

const SCRIPT = fileURLToPath(new URL('./python/xenapi_start_vm.py', import.meta.url));

/** A python3 that can import the XenAPI module, or the reason there is none. */
function findPython(): { python?: string; reason: string } {
  let sawPython = false;
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import sys'], { stdio: 'ignore' });
      sawPython = true;
      execFileSync(candidate, ['-c', 'try:\n import XenAPI\nexcept ImportError:\n from os_xenapi.client import XenAPI'], { stdio: 'ignore' });
      return { python: candidate, reason: '' };
    } catch {
      // try the next interpreter
    }
  }
  return { reason: sawPython ? 'python3-os-xenapi is not installed (no XenAPI module)' : 'python3 is not installed' };
}

const { python, reason } = findPython();

describe.skipIf(!python)(`python3-os-xenapi client${python ? '' : ` — skipped: ${reason}`}`, () => {
  let pool: SimulatedPool;
  beforeAll(async () => {
    pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.52', '127.0.0.53']), timeScale: 0.05 });
  });
  afterAll(async () => pool?.stop());

  it('logs in, lists VMs with get_all_records, starts one with Async and polls the task to success', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(python!, [SCRIPT, pool.masterUrl, 'root', 'xenith'], { timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
    const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(r.vm_count).toBe(pool.engine.store.count('VM'));
    expect(r.task_name).toBe('Async.VM.start');
    expect(r.final_status).toBe('success');
    expect(r.power_state).toBe('Running');
    expect(r.memory_static_max).toBe('4294967296'); // int64 arrives as an untyped string over XML-RPC
    expect(pool.engine.store.get('VM', String(r.vm)).power_state).toBe('Running');
    const progress = r.progress as number[];
    expect(progress[progress.length - 1]).toBe(1);
  });
});
