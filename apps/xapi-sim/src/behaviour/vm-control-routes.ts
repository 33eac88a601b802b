/** Control-port endpoints for VM happenings no XAPI call causes: `POST /vms/<ref|uuid>/crash` (VM_CRASHED, then actions_after_crash). */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { crashVm } from './vm-alerts.js';

export type VmControlRoute = [method: string, pattern: RegExp, route: (params: string[], body: Record<string, unknown>) => unknown];

export function vmControlRoutes(engine: Engine): VmControlRoute[] {
  const vmRef = (id: string): string => {
    if (engine.store.has('VM', id)) return id;
    const ref = engine.store.refByUuid('VM', id);
    if (!ref) throw new XapiError('HANDLE_INVALID', ['VM', id]);
    return ref;
  };
  return [['POST', /^\/vms\/([^/]+)\/crash$/, ([id]) => crashVm(engine, vmRef(id!))]];
}
