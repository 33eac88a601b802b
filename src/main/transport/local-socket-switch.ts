import type { Settings } from '../../shared/api/settings-schema.js';
import type { Logger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';
import { startLocalSocket, type LocalSocketHandle } from './local-socket.js';

export interface LocalSocketSwitch {
  /** Settles once the socket matches the setting as it was last read (for tests and shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens or closes the local API socket as the `localSocket` setting says (Settings' switch, off by default), from
 * start-up on and whenever it changes. Transitions run one after another, so a quick on-off-on cannot leave two.
 */
export function followLocalSocketSetting(server: XenithServer, options: { logger: Logger; path?: string }): LocalSocketSwitch {
  let handle: LocalSocketHandle | null = null;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const transition = async (wanted: boolean) => {
    const want = wanted && !closed;
    if (want && !handle) {
      handle = await startLocalSocket({ server, logger: options.logger, ...(options.path ? { path: options.path } : {}) }).catch((error: unknown) => {
        options.logger.error('could not open the local API socket', { error: String(error) });
        return null;
      });
    } else if (!want && handle) {
      const open = handle;
      handle = null;
      await open.close();
    }
  };
  const apply = (wanted: boolean) => {
    queue = queue.then(() => transition(wanted));
  };
  const unsubscribe = server.subscribe((event) => {
    if (event.event === 'settings.changed') apply((event.payload as Settings).localSocket);
  });
  // The setting as saved, read first: a change announced meanwhile is queued after it.
  queue = server.dispatch('settings.get', {}, { clientId: 'local-socket-switch' }).then((result) => (result.ok ? transition((result.output as Settings).localSocket) : undefined));
  return {
    async settled() {
      // A transition queued while waiting is waited for too.
      for (let seen = queue; ; seen = queue) {
        await seen;
        if (seen === queue) return;
      }
    },
    async close() {
      closed = true;
      unsubscribe();
      apply(false);
      await this.settled();
    },
  };
}
