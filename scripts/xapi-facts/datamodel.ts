/** The slice of xenapi.json (the XAPI datamodel) the generators read. */
export interface DatamodelField {
  name: string;
  type: string;
  lifecycle: { state: string; transitions: { transition: string; release: string }[] };
}

export interface DatamodelClass {
  name: string;
  fields: DatamodelField[];
  enums: { name: string; values: { name: string }[] }[];
}

/**
 * The classes whose records the mirror normalises and the UI reads field by field. The mirror keeps every other
 * class xen-api fetches too, as it arrives, without a generated type.
 */
export const mirroredClasses = [
  'pool', 'host', 'host_metrics', 'host_cpu', 'VM', 'VM_metrics', 'VM_guest_metrics', 'VBD', 'VDI', 'SR', 'PBD',
  'VIF', 'PIF', 'PIF_metrics', 'network', 'task', 'message', 'console', 'Certificate', 'SM', 'Bond', 'VLAN',
  'VM_appliance', 'pool_update', 'host_patch', 'pool_patch', 'VTPM', 'PCI', 'PGPU', 'GPU_group', 'VGPU', 'VMSS',
] as const;

/** The class `name`, or an error naming the datamodel file that lacks it. */
export function findClass(classes: readonly DatamodelClass[], name: string): DatamodelClass {
  const found = classes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`class ${name} is not in the datamodel`);
  return found;
}

/** The fields a record carries: removed ones never appear in records. */
export function recordFields(cls: DatamodelClass): DatamodelField[] {
  return cls.fields.filter((field) => field.lifecycle.state !== 'Removed_s');
}
