import { createAppApi } from './api/app-api.js';
import { Dispatcher } from './api/dispatcher.js';
import type { CallContext, Implementation } from './api/implementation.js';
import { createSettingsApi } from './api/settings-api.js';
import type { CallResult } from '../shared/api/result.js';
import { EventBus, type EventListener } from './events/event-bus.js';
import type { ServerPorts } from './ports.js';
import { SettingsFile } from './settings/settings-file.js';

/** The embedded server as its hosts (Electron shell, serve command, tests) see it. */
export interface XenithServer {
  dispatch(method: unknown, input: unknown, context: CallContext): Promise<CallResult<unknown>>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Composition root: wires the areas together from the host-specific ports. */
export function createServer(ports: ServerPorts): XenithServer {
  const bus = new EventBus();
  const settingsFile = new SettingsFile(ports.paths.dataDir);
  const implementation: Implementation = {
    ...createAppApi(ports.host, () => ({ total: 0, connected: 0 })),
    ...createSettingsApi(settingsFile, bus),
  };
  const dispatcher = new Dispatcher(implementation, ports.logger);
  return {
    dispatch: (method, input, context) => dispatcher.dispatch(method, input, context),
    subscribe: (listener) => bus.subscribe(listener),
    async close() {},
  };
}
