/**
 * The updater plugin's per-host operation lock (xcpngutils FileLocker + OperationLocker): one operation at a time;
 * a second `update` fails with "Update already in progress"; `update` waits up to 10 s for another operation;
 * anything else fails at once with "The updater plugin is busy (current operation: X)".
 */
import { abortableDelay } from '../api/abortable-delay.js';
import type { Engine } from '../api/engine.js';
import { pluginFailure } from './plugin-errors.js';

export const UPDATE_LOCK_TIMEOUT_MS = 10_000;

const held = new WeakMap<Engine, Map<string, string>>();

function table(engine: Engine): Map<string, string> {
  let t = held.get(engine);
  if (!t) {
    t = new Map();
    held.set(engine, t);
  }
  return t;
}

/** The operation running on a host's updater, if any. */
export function currentOperation(engine: Engine, hostRef: string): string | undefined {
  return table(engine).get(hostRef);
}

/** Runs `body` holding the host's updater lock for `operation`. */
export async function withOperationLock<T>(engine: Engine, hostRef: string, operation: string, body: () => Promise<T>): Promise<T> {
  const t = table(engine);
  const busy = (): never => pluginFailure(`The updater plugin is busy (current operation: ${t.get(hostRef)})`, 'OperationException');
  if (t.has(hostRef)) {
    if (operation !== 'update') busy();
    if (t.get(hostRef) === 'update') pluginFailure('Update already in progress', 'OperationException');
    const deadline = Date.now() + engine.scaled(UPDATE_LOCK_TIMEOUT_MS);
    while (t.has(hostRef) && Date.now() < deadline) await abortableDelay(Math.max(1, engine.scaled(200)), engine.shutdownSignal);
    if (t.has(hostRef)) busy();
  }
  t.set(hostRef, operation);
  try {
    return await body();
  } finally {
    t.delete(hostRef);
  }
}
