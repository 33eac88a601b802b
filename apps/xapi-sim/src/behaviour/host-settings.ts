/**
 * Server settings that act beyond their field: host.syslog_reconfigure, which xapi answers by rewriting the
 * server's syslog configuration from logging["syslog_destination"] (here: recorded on the host, so tests can see
 * that the new destination was applied and not only stored).
 */
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';

/** other_config key where the simulator notes the syslog destination last applied (simulator only). */
export const APPLIED_SYSLOG_KEY = 'xapi-sim-syslog-applied';

export function registerHostSettings(engine: Engine): void {
  engine.registry.implement('host', 'syslog_reconfigure', ({ engine: e }, [host]) => {
    const ref = String(host);
    const record = e.store.get('host', ref);
    const destination = String(((record.logging ?? {}) as Record<string, unknown>).syslog_destination ?? '');
    // xapi validates the destination it writes into the syslog configuration.
    if (destination !== '' && !/^[\w.:[\]-]+$/.test(destination)) fail('INVALID_VALUE', 'syslog_destination', destination);
    e.store.update('host', ref, { other_config: { ...(record.other_config as Record<string, string>), [APPLIED_SYSLOG_KEY]: destination } });
    return '';
  });
}
