/**
 * Faults that strike one host: a method (`PBD.plug`, `Bond.create`, `PIF.reconfigure_ip` …) that keeps failing
 * for objects on a chosen host while it works on the others (a PBD that will not plug there, a bond that cannot be
 * built there), and hosts that never come back after their management address changes. Set on the control port.
 */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';

export interface HostFault {
  code: string;
  params: string[];
}

export class HostFaults {
  /** `<host ref> <method>` → the error. */
  readonly #errors = new Map<string, HostFault>();
  /** Hosts whose next management address change leaves them unreachable. */
  readonly neverReturn = new Set<string>();

  set(host: string, method: string, fault: HostFault | undefined): void {
    const key = `${host} ${method}`;
    if (fault) this.#errors.set(key, fault);
    else this.#errors.delete(key);
  }

  /** Throws the fault set for `method` (its Async form too) on `host`, if any. */
  check(host: string, method: string): void {
    const fault = this.#errors.get(`${host} ${method.replace(/^Async\./, '')}`);
    if (fault) throw new XapiError(fault.code, fault.params);
  }

  clear(): void {
    this.#errors.clear();
    this.neverReturn.clear();
  }

  describe(): { errors: Record<string, HostFault>; neverReturn: string[] } {
    return { errors: Object.fromEntries(this.#errors), neverReturn: [...this.neverReturn] };
  }
}

const faults = new WeakMap<Engine, HostFaults>();

export function hostFaultsFor(engine: Engine): HostFaults {
  let f = faults.get(engine);
  if (!f) {
    f = new HostFaults();
    faults.set(engine, f);
  }
  return f;
}
