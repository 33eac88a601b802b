/** One endpoint of a pool as the user typed it. */
export interface ServerEndpoint {
  host: string;
  port: number;
}

const defaultPort = 443;

/**
 * Parses XenCenter's "Add New Server" syntax: `host`, `host:port`, `[v6]:port`, several separated by ";".
 * Throws a sentence naming the bad part.
 */
export function parseServerAddresses(input: string): ServerEndpoint[] {
  return input
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(part);
      const plain = /^([^:\s]+)(?::(\d+))?$/.exec(part);
      const match = bracketed ?? plain;
      if (!match) throw new Error(`"${part}" is not a server name or address (use host or host:port).`);
      const port = match[2] === undefined ? defaultPort : Number(match[2]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`"${part}" has an invalid port.`);
      return { host: match[1]!.toLowerCase(), port };
    });
}

/** The URL the xen-api client is given for an endpoint. */
export function endpointUrl({ host, port }: ServerEndpoint): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return port === defaultPort ? `https://${name}` : `https://${name}:${port}`;
}

/** How an endpoint is shown to people. */
export function formatEndpoint({ host, port }: ServerEndpoint): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return port === defaultPort ? name : `${name}:${port}`;
}
