/** VM.allowed_operations follow the VM whatever changed it, as xapi's update_allowed_operations does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const allowed = (vm: string): string[] => pool.engine.store.get('VM', vm).allowed_operations as string[];

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.182', '127.0.0.183']), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('VM.allowed_operations', () => {
  it('lists start once a template becomes a VM (New VM), and drops it when the VM becomes a template again', async () => {
    const template = String(await call('VM.clone', 'OpaqueRef:vm1', 'made template'));
    await call('VM.set_is_a_template', template, true);
    expect(allowed(template)).not.toContain('start');
    expect(allowed(template)).toContain('provision');

    await call('VM.set_is_a_template', template, false);
    expect(allowed(template)).toContain('start');
    expect(allowed(template)).not.toContain('provision');
  });
});
