import type { JobXapi } from '../jobs/job-xapi.js';

/**
 * One part of a Properties change: the words a person reads when it fails ("Memory", "Home server") and the XAPI
 * calls that make it. Each step is as atomic as XAPI allows (memory limits go in one call), so a refused step
 * leaves that part as it was.
 */
export interface PropertyStep {
  readonly label: string;
  apply(xapi: JobXapi): Promise<void>;
}

/**
 * Sets one key of a map field (other_config, platform, HVM_boot_params…), or removes it when `value` is null:
 * remove first, because add_to_<map> refuses a key that is already there (MAP_DUPLICATE_KEY).
 */
export async function replaceMapKey(xapi: JobXapi, cls: string, ref: string, field: string, key: string, value: string | null): Promise<void> {
  await xapi.call(`${cls}.remove_from_${field}`, ref, key);
  if (value !== null) await xapi.call(`${cls}.add_to_${field}`, ref, key, value);
}
