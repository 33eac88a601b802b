/** pool.designate_new_master: the named host becomes master; the others then answer HOST_IS_SLAVE. */
import type { Engine } from '../api/engine.js';

export function designateNewMaster(engine: Engine, hostRef: string): void {
  engine.store.get('host', hostRef);
  engine.masterRef = hostRef;
  engine.store.update('pool', engine.poolRef(), { master: hostRef });
}

export function registerPoolMaster(engine: Engine): void {
  engine.registry.implement('pool', 'designate_new_master', ({ engine: e }, [host]) => {
    designateNewMaster(e, String(host));
    return '';
  });
}
