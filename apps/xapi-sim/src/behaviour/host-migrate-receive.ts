/**
 * host.migrate_receive (xapi_host.ml): the destination pool's half of a cross-pool migration. It logs a new session
 * in as the caller's user and answers the "token" VM.migrate_send and VM.assert_can_migrate take: the SM and xenops
 * URLs on the host's address on the transfer network, the session, the host ref and the master's URL. The network
 * must reach the host through a PIF with an IP (HOST_CANNOT_ATTACH_NETWORK, PIF_HAS_NO_NETWORK_CONFIGURATION,
 * INTERFACE_HAS_NO_IP). Every simulated host listens on its one address, so the URLs carry that address.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';
import { hostBaseUrl } from '../server/host-endpoint.js';

/** The keys of a migrate_receive token (xapi_vm_migrate.ml `_sm`, `_host`, …). */
export const TOKEN_KEYS = { sm: 'SM', host: 'host', xenops: 'xenops', session: 'session_id', master: 'master' } as const;

/** Checks that `network` reaches `host` through a PIF with an address; returns the PIF. */
function transferPif(engine: Engine, host: string, network: string): string {
  const { store } = engine;
  const pif = (store.get('network', network).PIFs as string[]).find((p) => store.row('PIF', p)?.record.host === host);
  if (!pif) fail('HOST_CANNOT_ATTACH_NETWORK', host, network);
  const rec = store.get('PIF', pif);
  const ipv6 = Array.isArray(rec.IPv6) ? rec.IPv6.filter((a) => a !== '') : [];
  if (String(rec.IP ?? '') === '' && ipv6.length === 0) {
    if (rec.ip_configuration_mode === 'DHCP') fail('INTERFACE_HAS_NO_IP', pif);
    fail('PIF_HAS_NO_NETWORK_CONFIGURATION', pif);
  }
  return pif;
}

/** A session for the source pool to act with, made as xapi's login_no_password: the caller's user and pool flag. */
function receiveSession(ctx: CallContext): string {
  const { engine } = ctx;
  const caller = engine.store.row('session', ctx.sessionRef)?.record ?? {};
  const uname = String(caller.auth_user_name ?? 'root');
  return engine.sessions.login({ uname, pwd: engine.config.users[uname] ?? '', hostRef: ctx.hostRef, pool: caller.pool === true });
}

export function migrateReceive(ctx: CallContext, host: string, network: string): Record<string, string> {
  const { engine } = ctx;
  engine.store.get('host', host);
  engine.store.get('network', network);
  transferPif(engine, host, network);
  const session = receiveSession(ctx);
  const base = hostBaseUrl(engine, host);
  return {
    [TOKEN_KEYS.sm]: `${base}/services/SM?session_id=${session}`,
    [TOKEN_KEYS.host]: host,
    [TOKEN_KEYS.xenops]: `${base}/services/xenops?session_id=${session}`,
    [TOKEN_KEYS.session]: session,
    [TOKEN_KEYS.master]: `${hostBaseUrl(engine, engine.masterRef)}/`,
  };
}

export function registerHostMigrateReceive(engine: Engine): void {
  engine.registry.implement('host', 'migrate_receive', (ctx, [host, network]) => migrateReceive(ctx, String(host), String(network)));
}
