import type { LooseXapiObject } from '../../../shared/xapi/objects.js';

/** VMs a person manages: not templates, snapshots or control domains (dom0). */
export function isUserVm(vm: LooseXapiObject): boolean {
  return vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true;
}

/** Templates shipped with XAPI (XenCenter hides them unless asked). */
export function isDefaultTemplate(vm: LooseXapiObject): boolean {
  return vm.is_default_template === true || otherConfig(vm).default_template === 'true';
}

/** Templates (snapshots are templates in XAPI too, but are not listed as such). */
export function isTemplate(vm: LooseXapiObject): boolean {
  return vm.is_a_template === true && vm.is_a_snapshot !== true;
}

/** Whether a VM sits on a host (XAPI keeps resident_on for running and paused VMs). */
export function isOnHost(vm: LooseXapiObject): boolean {
  return vm.power_state === 'Running' || vm.power_state === 'Paused';
}

function otherConfig(object: LooseXapiObject): Readonly<Record<string, unknown>> {
  return (object.other_config as Record<string, unknown> | undefined) ?? {};
}

/**
 * Objects XenCenter keeps out of its tree: anything marked HideFromXenCenter, the tools ISO SR and the
 * host-internal management network (plumbing a person never acts on).
 */
export function isHiddenObject(object: LooseXapiObject): boolean {
  const config = otherConfig(object);
  if (config.HideFromXenCenter === 'true') return true;
  if (object.$type === 'SR') return object.is_tools_sr === true || config.xenserver_tools_sr === 'true';
  if (object.$type === 'network') return config.is_host_internal_management_network === 'true';
  return false;
}

/** A host's own state as XenCenter words it: maintenance mode, disabled, or nothing to say. */
export function hostStateText(host: LooseXapiObject | undefined): string | null {
  if (!host || host.enabled !== false) return null;
  return otherConfig(host).MAINTENANCE_MODE === 'true' ? 'Maintenance mode' : 'Disabled';
}

/** An object's tags (XAPI `tags`, a string set). */
export function tagsOf(object: LooseXapiObject | undefined): readonly string[] {
  return Array.isArray(object?.tags) ? (object.tags as unknown[]).filter((tag): tag is string => typeof tag === 'string') : [];
}
