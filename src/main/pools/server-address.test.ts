import { describe, expect, it } from 'vitest';
import { endpointUrl, parseServerAddresses } from './server-address.js';

describe('parseServerAddresses', () => {
  it('reads host, host:port, IPv6 and several addresses', () => {
    expect(parseServerAddresses(' Xcp1.example.org ; 10.0.0.2:8443;[fe80::1]:444')).toEqual([
      { host: 'xcp1.example.org', port: 443 },
      { host: '10.0.0.2', port: 8443 },
      { host: 'fe80::1', port: 444 },
    ]);
  });
  it('rejects junk with a sentence naming it', () => {
    expect(() => parseServerAddresses('host:99999')).toThrow(/"host:99999" has an invalid port/);
    expect(() => parseServerAddresses('a b')).toThrow(/"a b" is not a server name/);
  });
  it('builds the client URL', () => {
    expect(endpointUrl({ host: '127.0.0.2', port: 443 })).toBe('https://127.0.0.2');
    expect(endpointUrl({ host: 'fe80::1', port: 8443 })).toBe('https://[fe80::1]:8443');
  });
});
