import { childNamed, childrenNamed, parseXml, type XmlElement } from './xml-tree.js';

/** An ova.xml Xenith cannot make sense of. */
export class OvaXmlError extends Error {
  constructor(message: string) {
    super(`The XVA's ova.xml is not readable: ${message}`);
    this.name = 'OvaXmlError';
  }
}

type XmlRpcValue = string | number | boolean | XmlRpcValue[] | { [key: string]: XmlRpcValue };

/** Reads one XML-RPC `<value>` (what XAPI writes into ova.xml: structs, arrays, strings, ints, booleans). */
function readValue(value: XmlElement): XmlRpcValue {
  const typed = value.children[0];
  if (!typed) return value.text;
  switch (typed.local) {
    case 'string':
    case 'dateTime.iso8601':
      return typed.text;
    case 'i4':
    case 'int':
    case 'i8':
    case 'double':
      return Number(typed.text.trim());
    case 'boolean':
      return typed.text.trim() === '1';
    case 'array':
      return childrenNamed(childNamed(typed, 'data'), 'value').map(readValue);
    case 'struct': {
      const out: Record<string, XmlRpcValue> = {};
      for (const member of childrenNamed(typed, 'member')) {
        const name = childNamed(member, 'name')?.text ?? '';
        const inner = childNamed(member, 'value');
        if (inner) out[name] = readValue(inner);
      }
      return out;
    }
    default:
      return typed.text;
  }
}

/** One disk of the exported VM. */
export interface XvaDisk {
  userdevice: string;
  virtualSize: number;
  name: string;
}

/** One network interface of the exported VM, and the name of its network in the pool it came from. */
export interface XvaNic {
  device: string;
  mac: string;
  networkName: string;
}

/** What an XVA holds, as its ova.xml says: enough for the Import wizard and to check what arrived. */
export interface XvaDescription {
  name: string;
  description: string;
  vcpus: number;
  memoryBytes: number;
  firmware: 'bios' | 'uefi';
  disks: XvaDisk[];
  nics: XvaNic[];
}

type Record_ = Record<string, XmlRpcValue>;

/** Reads the exported VM (the first VM of ova.xml that is not a snapshot) with its disks and interfaces. */
export function describeXva(ovaXml: string): XvaDescription {
  let root: XmlRpcValue;
  try {
    root = readValue(parseXml(ovaXml));
  } catch (error) {
    throw new OvaXmlError((error as Error).message);
  }
  const objects = (root as Record_ | undefined)?.objects;
  if (!Array.isArray(objects)) throw new OvaXmlError('it lists no objects');
  const byId = new Map<string, { cls: string; record: Record_ }>();
  for (const object of objects as Record_[]) byId.set(String(object.id), { cls: String(object.class), record: (object.snapshot ?? {}) as Record_ });
  const vm = [...byId.values()].find((object) => object.cls === 'VM' && object.record.is_a_snapshot !== true && object.record.is_control_domain !== true);
  if (!vm) throw new OvaXmlError('it holds no VM');
  const refs = (field: string): Record_[] => (Array.isArray(vm.record[field]) ? (vm.record[field] as string[]) : []).map((id) => byId.get(id)?.record).filter((record): record is Record_ => record !== undefined);
  const disks: XvaDisk[] = [];
  for (const vbd of refs('VBDs')) {
    if (vbd.type === 'CD') continue;
    const vdi = byId.get(String(vbd.VDI))?.record;
    if (!vdi) continue;
    disks.push({ userdevice: String(vbd.userdevice), virtualSize: Number(vdi.virtual_size), name: String(vdi.name_label ?? '') });
  }
  const nics = refs('VIFs').map((vif) => ({ device: String(vif.device), mac: String(vif.MAC ?? ''), networkName: String(byId.get(String(vif.network))?.record.name_label ?? '') }));
  const boot = (vm.record.HVM_boot_params ?? {}) as Record_;
  return {
    name: String(vm.record.name_label ?? ''),
    description: String(vm.record.name_description ?? ''),
    vcpus: Number(vm.record.VCPUs_max) || 1,
    memoryBytes: Number(vm.record.memory_static_max) || 0,
    firmware: boot.firmware === 'uefi' ? 'uefi' : 'bios',
    disks: disks.sort((a, b) => Number(a.userdevice) - Number(b.userdevice)),
    nics: nics.sort((a, b) => Number(a.device) - Number(b.device)),
  };
}
