/**
 * `xapi-sim` command line: starts a simulated pool and prints each host's URL, the credentials, certificate
 * fingerprints and the control URL (`--json`: one JSON line, for test fixtures). Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSimulatedPool, type SimulatedPoolOptions } from './start-simulated-pool.js';

const USAGE = `usage: xapi-sim [--hosts N] [--vms N] [--templates N] [--srs N] [--networks N] [--seed N] [--dump file.xml]
                [--base-address 127.0.0.1] [--state-dir dir] [--time-scale x] [--port p] [--control-port p]
                [--http] [--user root] [--password xenith] [--product xcp-ng|xenserver] [--product-version 8.2.1] [--json]`;

export async function main(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      hosts: { type: 'string' }, vms: { type: 'string' }, templates: { type: 'string' }, srs: { type: 'string' },
      networks: { type: 'string' }, seed: { type: 'string' }, dump: { type: 'string' }, 'base-address': { type: 'string' },
      'state-dir': { type: 'string' }, 'time-scale': { type: 'string' }, port: { type: 'string' }, 'control-port': { type: 'string' },
      http: { type: 'boolean' }, user: { type: 'string' }, password: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' },
      product: { type: 'string' }, 'product-version': { type: 'string' },
    },
  });
  if (v.help) {
    console.log(USAGE);
    return;
  }
  const num = (s: string | undefined): number | undefined => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${s}\n${USAGE}`);
    return n;
  };
  const opts: SimulatedPoolOptions = {};
  const set = <K extends keyof SimulatedPoolOptions>(k: K, x: SimulatedPoolOptions[K] | undefined): void => {
    if (x !== undefined) opts[k] = x;
  };
  set('hosts', num(v.hosts));
  set('vms', num(v.vms));
  set('templates', num(v.templates));
  set('srs', num(v.srs));
  set('networks', num(v.networks));
  set('seed', num(v.seed));
  set('dump', v.dump);
  set('baseAddress', v['base-address']);
  set('stateDir', v['state-dir']);
  set('timeScale', num(v['time-scale']));
  set('port', num(v.port));
  set('controlPort', num(v['control-port']));
  set('http', v.http);
  if (v.product !== undefined) {
    if (v.product !== 'xcp-ng' && v.product !== 'xenserver') throw new Error(`--product is xcp-ng or xenserver\n${USAGE}`);
    opts.productBrand = v.product === 'xenserver' ? 'XenServer' : 'XCP-ng';
  }
  set('productVersion', v['product-version']);
  if (v.user || v.password) opts.users = { [v.user ?? 'root']: v.password ?? 'xenith' };

  const pool = await startSimulatedPool(opts);
  const info = {
    hosts: pool.hosts.map(({ ref, uuid, name, address, url, fingerprint, master }) => ({ ref, uuid, name, address, url, fingerprint, master })),
    masterUrl: pool.masterUrl,
    controlUrl: pool.controlUrl,
    credentials: pool.credentials,
  };
  if (v.json) console.log(JSON.stringify(info));
  else {
    console.log(`xapi-sim: pool of ${pool.hosts.length} host(s) is up`);
    for (const h of info.hosts) console.log(`  ${h.master ? 'master' : 'member'}  ${h.url}  ${h.name}${h.fingerprint ? `  sha256 ${h.fingerprint}` : ''}`);
    console.log(`  credentials  ${pool.credentials.user} / ${pool.credentials.password}`);
    console.log(`  control      ${pool.controlUrl}`);
  }
  const stop = (): void => {
    void pool.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
