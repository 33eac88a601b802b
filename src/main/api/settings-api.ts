import type { Settings } from '../../shared/api/settings-schema.js';
import type { EventBus } from '../events/event-bus.js';
import type { SettingsFile } from '../settings/settings-file.js';
import type { PartialImplementation } from './implementation.js';

/** settings.get and settings.set; every change is announced so other windows follow. */
export function createSettingsApi(
  file: SettingsFile,
  bus: EventBus,
): PartialImplementation<'settings.get' | 'settings.set'> {
  let current: Promise<Settings> = file.load();
  return {
    async 'settings.get'() {
      return current;
    },
    async 'settings.set'(patch) {
      const next = { ...(await current), ...patch };
      current = Promise.resolve(next);
      await file.save(next);
      bus.emit('settings.changed', next);
      return next;
    },
  };
}
