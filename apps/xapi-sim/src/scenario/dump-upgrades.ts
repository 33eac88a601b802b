/**
 * Adjustments XAPI itself makes when it starts on an older database (xapi_db_upgrade.ml and startup clean-up),
 * applied to rows already mapped onto the current model.
 */
import type { SeedObject } from './types.js';

/** Columns that were absent from the dump, per object ref (so defaults can be replaced by derived values). */
export type MissingColumns = (obj: SeedObject, field: string) => boolean;

/** Applies the upgrade rules in place. */
export function upgradeDumpObjects(objects: SeedObject[], missing: MissingColumns): void {
  for (const obj of objects) {
    const f = obj.fields;
    // Operations in progress belonged to tasks that died with the old xapi; startup clears them.
    if ('current_operations' in f) f.current_operations = {};
    if (obj.cls === 'VM' && missing(obj, 'domain_type')) {
      // Pre-domain_type databases: HVM guests are those with a boot policy; the control domain is PV.
      f.domain_type = f.is_control_domain !== true && typeof f.HVM_boot_policy === 'string' && f.HVM_boot_policy !== '' ? 'hvm' : 'pv';
    }
  }
}
