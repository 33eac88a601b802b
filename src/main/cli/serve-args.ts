import { parseArgs } from 'node:util';

export { isLoopback } from '../transport/loopback.js';

export interface ServeArgs {
  host: string;
  port: number;
  dataDir: string | undefined;
  json: boolean;
  demo: boolean;
  /** PEM files of the certificate to serve over HTTPS (both or neither). */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Serve over HTTPS with a certificate made at start-up even on loopback (a non-loopback host always is). */
  tls: boolean;
  /** More host names the server answers to (a LAN name it is reached by). */
  allowHosts: string[];
}

/** Parses `serve` flags; throws with a sentence on bad input. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      tls: { type: 'boolean', default: false },
      'allow-host': { type: 'string', multiple: true, default: [] },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number between 0 and 65535, not "${values.port}".`);
  }
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new Error('--tls-cert and --tls-key go together: give both files, or neither.');
  }
  return {
    host: values.host,
    port,
    dataDir: values['data-dir'],
    json: values.json,
    demo: values.demo,
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    tls: values.tls,
    allowHosts: values['allow-host'],
  };
}
