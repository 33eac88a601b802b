/** Shared set-up for cross-pool migration tests: the real xen-api client, tokens, mappings, control-port calls. */
import { createClient } from 'xen-api';
import { startSimulatedPool, type SimulatedPool, type SimulatedPoolOptions } from '#sim/index.js';
import { eventually } from './transfer-fixtures.js';

/** The part of the untyped `xen-api` client these tests use. */
export interface XenApiClient {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  getResource(path: string, opts: Record<string, unknown>): Promise<{ body: NodeJS.ReadableStream; task: Promise<unknown> }>;
  putResource(body: unknown, path: string, opts: Record<string, unknown>): Promise<unknown>;
}

export const AUTH = { user: 'root', password: 'xenith' };

/** A source and a target pool, each with a connected `xen-api` client watching tasks. */
export interface TwoPools { source: SimulatedPool; target: SimulatedPool; src: XenApiClient; dst: XenApiClient }

export async function startTwoPools(source: SimulatedPoolOptions, target: SimulatedPoolOptions): Promise<TwoPools> {
  const pools = await Promise.all([startSimulatedPool(source), startSimulatedPool(target)]);
  const [src, dst] = pools.map((pool) => createClient({ url: pool.masterUrl, auth: AUTH, allowUnauthorized: true, watchEvents: ['task'] }) as XenApiClient);
  await Promise.all([src!.connect(), dst!.connect()]);
  return { source: pools[0]!, target: pools[1]!, src: src!, dst: dst! };
}

export async function stopTwoPools(p: TwoPools | undefined): Promise<void> {
  await Promise.allSettled([p?.src.disconnect(), p?.dst.disconnect()]);
  await Promise.allSettled([p?.source.stop(), p?.target.stop()]);
}

/** Removes every fault set on either pool (after each test). */
export async function clearFaults(p: TwoPools): Promise<void> {
  await Promise.all([control(p.source, '/faults/clear', {}), control(p.target, '/faults/clear', {})]);
}

/** host.migrate_receive on the target's master, for its management network: the token migrate_send takes. */
export async function receiveToken(p: TwoPools): Promise<Record<string, string>> {
  const { host, network } = masterAndNetwork(p.target);
  return (await p.dst.call('host.migrate_receive', host, network, {})) as Record<string, string>;
}

/** A JSON request to a pool's control port. */
export async function control(pool: SimulatedPool, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${pool.controlUrl}${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`control ${path}: ${JSON.stringify(answer)}`);
  return answer;
}

/** The pool's master host and its management network. */
export function masterAndNetwork(pool: SimulatedPool): { host: string; network: string } {
  const { store } = pool.engine;
  const host = pool.engine.masterRef;
  const pif = [...store.rows('PIF')].find((r) => r.record.host === host && r.record.management === true)!;
  return { host, network: String(pif.record.network) };
}

/** A shared, non-ISO SR of the pool (seen by every host). */
export function sharedSr(pool: SimulatedPool): string {
  return [...pool.engine.store.rows('SR')].find((r) => r.record.shared === true && r.record.content_type !== 'iso')!.ref;
}

/** vdi_map and vif_map sending every disk of `vm` to `sr` and every VIF to `network`. */
export function mapsFor(pool: SimulatedPool, vm: string, sr: string, network: string): { vdiMap: Record<string, string>; vifMap: Record<string, string> } {
  const { store } = pool.engine;
  const vdiMap: Record<string, string> = {};
  for (const vbd of store.get('VM', vm).VBDs as string[]) {
    const b = store.get('VBD', vbd);
    if (b.type === 'Disk' && b.empty !== true) vdiMap[String(b.VDI)] = sr;
  }
  const vifMap: Record<string, string> = {};
  for (const vif of store.get('VM', vm).VIFs as string[]) vifMap[vif] = network;
  return { vdiMap, vifMap };
}

/** Waits for a task of `pool` to finish; returns its record. */
export async function settled(pool: SimulatedPool, task: string): Promise<Record<string, unknown>> {
  await eventually(() => pool.engine.store.get('task', task).status !== 'pending', 60_000);
  return pool.engine.store.get('task', task);
}

/** Counts of what a migration could leave on a pool. */
export function objectCounts(pool: SimulatedPool): Record<string, number> {
  const { store } = pool.engine;
  return Object.fromEntries(['VM', 'VBD', 'VIF', 'VDI', 'VM_metrics', 'VM_guest_metrics', 'network', 'console'].map((c) => [c, store.count(c)]));
}

/** The refs of the pending tasks of a pool (a finished migration leaves none of its own). */
export function pendingTasks(pool: SimulatedPool): string[] {
  return [...pool.engine.store.rows('task')].filter((r) => r.record.status === 'pending').map((r) => r.ref);
}
