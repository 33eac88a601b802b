/**
 * Control-port endpoints for metrics: the load knob (`POST /metrics/load {value: 0..1, host?, vm?, at?: epoch s}`,
 * `GET /metrics/load`).
 */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { loadSettings, setLoad } from './load-knob.js';
import { runPerfmon } from './perfmon.js';

export type ControlRoute = [method: string, pattern: RegExp, route: (params: string[], body: Record<string, unknown>) => unknown];

/** A host or VM named by ref, uuid, or (hosts) address. */
export function controlTarget(engine: Engine, cls: 'host' | 'VM', id: string): string {
  const { store } = engine;
  if (store.has(cls, id)) return id;
  const byUuid = store.refByUuid(cls, id);
  if (byUuid) return byUuid;
  if (cls === 'host') for (const [ref, address] of engine.hostAddresses) if (address === id) return ref;
  throw new XapiError('HANDLE_INVALID', [cls, id]);
}

export function rrdControlRoutes(engine: Engine): ControlRoute[] {
  return [
    ['POST', /^\/metrics\/load$/, (_p, b) => {
      const value = Number(b.value);
      if (!Number.isFinite(value)) throw new XapiError('FIELD_TYPE_ERROR', ['value']);
      const target = b.vm ? controlTarget(engine, 'VM', String(b.vm)) : b.host ? controlTarget(engine, 'host', String(b.host)) : '';
      setLoad(engine, target, value, b.at === undefined ? undefined : Number(b.at));
      return { target, value: Math.max(0, Math.min(1, value)) };
    }],
    ['GET', /^\/metrics\/load$/, () => ({ settings: loadSettings(engine) })],
    // One perfmon pass now, rather than waiting for its timer (tests).
    ['POST', /^\/metrics\/perfmon\/run$/, () => ({ alarms: runPerfmon(engine) })],
  ];
}
