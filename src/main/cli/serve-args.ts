import { parseArgs } from 'node:util';

export interface ServeArgs {
  host: string;
  port: number;
  dataDir: string | undefined;
  json: boolean;
  demo: boolean;
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
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number between 0 and 65535, not "${values.port}".`);
  }
  return { host: values.host, port, dataDir: values['data-dir'], json: values.json, demo: values.demo };
}

/** Loopback addresses are the only ones nobody else on the network can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
