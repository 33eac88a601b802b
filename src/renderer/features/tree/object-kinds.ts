import type { ClassWith, XapiRecord } from '../../../shared/xapi/objects.js';

/** The objects the tree shows a row for. */
export type TreeObject = XapiRecord<'pool' | 'host' | 'VM' | 'SR' | 'network'>;

/** VMs a person manages: not templates, snapshots or control domains (dom0). */
export function isUserVm(vm: XapiRecord<'VM'>): boolean {
  return vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true;
}

/** Templates shipped with XAPI (XenCenter hides them unless asked). */
export function isDefaultTemplate(vm: XapiRecord<'VM'>): boolean {
  return vm.is_default_template === true || vm.other_config.default_template === 'true';
}

/** Templates (snapshots are templates in XAPI too, but are not listed as such). */
export function isTemplate(vm: XapiRecord<'VM'>): boolean {
  return vm.is_a_template === true && vm.is_a_snapshot !== true;
}

/** Whether a VM sits on a host (XAPI keeps resident_on for running and paused VMs). */
export function isOnHost(vm: XapiRecord<'VM'>): boolean {
  return vm.power_state === 'Running' || vm.power_state === 'Paused';
}

/**
 * Objects XenCenter keeps out of its tree: anything marked HideFromXenCenter, the tools ISO SR and the
 * host-internal management network (plumbing a person never acts on).
 */
export function isHiddenObject(object: XapiRecord<ClassWith<'other_config'>>): boolean {
  const config = object.other_config;
  if (config.HideFromXenCenter === 'true') return true;
  if (object.$type === 'SR') return object.is_tools_sr === true || config.xenserver_tools_sr === 'true';
  if (object.$type === 'network') return config.is_host_internal_management_network === 'true';
  return false;
}

/** A host's own state as XenCenter words it: maintenance mode, disabled, or nothing to say. */
export function hostStateText(host: XapiRecord<'host'> | undefined): string | null {
  if (!host || host.enabled !== false) return null;
  return host.other_config.MAINTENANCE_MODE === 'true' ? 'Maintenance mode' : 'Disabled';
}

const noTags: readonly string[] = [];

/** An object's tags (XAPI `tags`, a string set). */
export function tagsOf(object: TreeObject | undefined): readonly string[] {
  return object?.tags ?? noTags;
}
