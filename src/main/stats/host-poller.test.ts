import { describe, expect, it } from 'vitest';
import type { Xapi } from 'xen-api';
import { HostPoller } from './host-poller.js';

describe('HostPoller', () => {
  it('asks a host nothing until its access says the host can be trusted (members are pinned after a connect)', async () => {
    const calls: string[] = [];
    let pinned!: () => void;
    const ready = new Promise<void>((resolve) => (pinned = resolve));
    // The client fails its first call on purpose: the poll then ends without any HTTP request.
    const client = { call: (method: string) => (calls.push(method), Promise.reject(new Error('stop here'))) } as unknown as Xapi;
    const errors: unknown[] = [];
    const poller = new HostPoller({
      resolution: '5s',
      access: () => ({ client, hostRef: 'OpaqueRef:h2', endpoint: { host: '127.0.0.3', port: 443 }, ready }),
      onUpdates: () => undefined,
      onError: (error) => errors.push(error),
    });
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
    pinned();
    await poller.firstPoll;
    poller.stop();
    expect(calls).toEqual(['host.get_servertime']);
    expect(errors).toHaveLength(1);
  });
});
