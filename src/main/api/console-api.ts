import type { ObjectMirror } from '../cache/object-mirror.js';
import { findConsoleTarget } from '../console/console-target.js';
import type { ConsoleProxy } from '../console/console-proxy.js';
import type { ConsoleTokens } from '../console/console-tokens.js';
import type { PartialImplementation } from './implementation.js';

/** console.open: a one-time loopback URL for the console of a VM (or a host's control domain). */
export function createConsoleApi(mirror: ObjectMirror, tokens: ConsoleTokens, proxy: ConsoleProxy): PartialImplementation<'console.open'> {
  return {
    async 'console.open'({ objectId }) {
      const target = findConsoleTarget(mirror, objectId);
      const port = await proxy.listen();
      const token = tokens.issue({ poolId: target.poolId, objectId, consoleRef: target.console.$id });
      const host = mirror.get(target.vm.resident_on, 'host');
      return {
        url: `ws://127.0.0.1:${port}/console/${token}`,
        protocol: target.console.protocol === 'vt100' ? 'vt100' : 'rfb',
        expiresInSeconds: tokens.lifetimeMs / 1000,
        host: host?.name_label ?? '',
      };
    },
  };
}
