/**
 * One-to-many relations whose "many" side XAPI computes (VM.VBDs from VBD.VM, SR.VDIs from VDI.SR, …).
 * Inferred from the schema: a `X ref set` RO/runtime field on class A, paired with the only `A ref` field of X.
 * Pairs the schema leaves ambiguous (X has several `A ref` fields) are listed in OVERRIDES.
 */
import type { Schema } from './schema.js';

export interface Relation {
  /** Class holding the set (the "many" side), e.g. VM. */
  parentClass: string;
  /** The set field on the parent, e.g. VBDs. */
  setField: string;
  /** Class pointing at the parent, e.g. VBD. */
  childClass: string;
  /** The single-ref field on the child, e.g. VM. */
  refField: string;
}

/** `Parent.setField` → `Child.refField` where the child has several candidate back-references. */
const OVERRIDES: Record<string, string> = {
  'VM.snapshots': 'VM.snapshot_of',
  'VM.children': 'VM.parent',
  'VM.VTPMs': 'VTPM.VM',
  'host.resident_VMs': 'VM.resident_on',
  'PIF.bond_master_of': 'Bond.master',
  'PIF.VLAN_slave_of': 'VLAN.tagged_PIF',
  'PIF.tunnel_access_PIF_of': 'tunnel.access_PIF',
  'PIF.tunnel_transport_PIF_of': 'tunnel.transport_PIF',
  'PIF.sriov_physical_PIF_of': 'network_sriov.physical_PIF',
  'PIF.sriov_logical_PIF_of': 'network_sriov.logical_PIF',
  'VDI.snapshots': 'VDI.snapshot_of',
  'PGPU.resident_VGPUs': 'VGPU.resident_on',
};

/** All maintained relations of the schema. */
export function inferRelations(schema: Schema): Relation[] {
  const out: Relation[] = [];
  for (const parentClass of Object.keys(schema.classes)) {
    for (const f of schema.fields(parentClass)) {
      if (f.parsed.kind !== 'set' || f.parsed.of.kind !== 'ref' || f.qualifier !== 'RO/runtime') continue;
      const childClass = f.parsed.of.cls;
      if (!schema.classes[childClass]) continue;
      const override = OVERRIDES[`${parentClass}.${f.name}`];
      if (override) {
        const [cc = '', rf = ''] = override.split('.');
        out.push({ parentClass, setField: f.name, childClass: cc, refField: rf });
        continue;
      }
      const back = schema.fields(childClass).filter((cf) => cf.parsed.kind === 'ref' && cf.parsed.cls === parentClass);
      if (back.length === 1) out.push({ parentClass, setField: f.name, childClass, refField: back[0]!.name });
    }
  }
  return out;
}
