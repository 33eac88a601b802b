/**
 * Control-port endpoints for transfer faults: `POST /faults/sr-full {sr, afterBytes}` (an SR that fills up mid-upload),
 * `POST /faults/cut-transfer {afterBytes, path?}` (the next transfer connection reset mid-stream) and
 * `GET /faults/transfer` (what is set). Without `afterBytes` a POST removes the fault.
 */
import type { Engine } from '../api/engine.js';
import { CUTTABLE_PATHS, transferFaultsFor, type CuttablePath } from '../api/transfer-faults.js';
import { XapiError } from '../model/xapi-error.js';

export type TransferFaultRoute = [method: string, pattern: RegExp, route: (params: string[], body: Record<string, unknown>) => unknown];

/** A byte count from a control request, or undefined when absent (null or missing). */
function byteCount(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new XapiError('INVALID_VALUE', ['afterBytes', String(v)]);
  return n;
}

export function transferFaultRoutes(engine: Engine): TransferFaultRoute[] {
  const faults = transferFaultsFor(engine);
  return [
    ['GET', /^\/faults\/transfer$/, () => faults.describe()],
    ['POST', /^\/faults\/sr-full$/, (_p, b) => {
      const id = String(b.sr ?? '');
      const sr = engine.store.has('SR', id) ? id : engine.store.refByUuid('SR', id);
      if (!sr) throw new XapiError('HANDLE_INVALID', ['SR', id]);
      const after = byteCount(b.afterBytes);
      if (after === undefined) faults.clearSrFull(sr);
      else faults.setSrFull(sr, after);
      return faults.describe();
    }],
    ['POST', /^\/faults\/cut-transfer$/, (_p, b) => {
      const after = byteCount(b.afterBytes);
      const path = b.path === undefined || b.path === null ? undefined : String(b.path);
      if (path !== undefined && !(CUTTABLE_PATHS as readonly string[]).includes(path)) throw new XapiError('INVALID_VALUE', ['path', path]);
      if (after === undefined) faults.clearCut();
      else faults.setCut(after, path as CuttablePath | undefined);
      return faults.describe();
    }],
  ];
}
