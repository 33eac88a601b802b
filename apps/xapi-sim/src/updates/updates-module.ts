/**
 * The behaviour module for patching: `host.call_plugin` (updater.py here; other plugins go to whatever handler was
 * registered before, else XENAPI_MISSING_PLUGIN), `host.get_servertime` (clients align RRD starts with it) when no
 * other module provides it, the XenServer pool_update flow and XenServer 8.4's CDN updates.
 */
import type { Engine } from '../api/engine.js';
import type { Handler } from '../api/method-registry.js';
import { XapiError } from '../model/xapi-error.js';
import { registerCdnUpdates } from './cdn-methods.js';
import { registerPoolUpdates } from './pool-update-methods.js';
import { callUpdater } from './updater-plugin.js';

export function registerUpdates(engine: Engine): void {
  const r = engine.registry;
  const previous: Handler | undefined = r.lookup('host.call_plugin')?.handler;
  r.implement('host', 'call_plugin', (ctx, args) => {
    const [host, plugin, fn, pluginArgs] = args as [string, string, string, Record<string, string> | undefined];
    ctx.engine.store.get('host', host);
    if (plugin === 'updater.py' || plugin === 'updater') return callUpdater(ctx.engine, host, fn, pluginArgs ?? {});
    if (previous) return previous(ctx, args);
    throw new XapiError('XENAPI_MISSING_PLUGIN', [plugin]);
  });
  if (!r.lookup('host.get_servertime')?.handler) {
    r.implement('host', 'get_servertime', (ctx, [host]) => {
      ctx.engine.store.get('host', String(host));
      return new Date(Math.floor(Date.now() / 1000) * 1000);
    });
  }
  registerPoolUpdates(engine);
  registerCdnUpdates(engine);
}
