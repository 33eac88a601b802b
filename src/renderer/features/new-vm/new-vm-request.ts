import type { MethodInput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { validationError } from '../../../shared/api/validation.js';
import { vmMethods } from '../../../shared/api/methods/vm.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { formatBytes } from '../details/format.js';
import { nameOf } from '../../store/mirror-read.js';
import type { NewVmChoices } from './new-vm-choices.js';

type CreateInput = MethodInput<'vm.create'>;

/**
 * The `vm.create` request for the choices, checked with the contract's own schema before it is sent, so the
 * wizard cannot send what the server would refuse as invalid.
 */
export function createRequest(choices: NewVmChoices): { ok: true; input: CreateInput } | { ok: false; error: ApiError } {
  const input: CreateInput = {
    poolId: choices.poolId,
    templateId: choices.templateId ?? '',
    name: choices.name.trim(),
    description: choices.description,
    isoVdiId: choices.isoVdiId,
    homeHostId: choices.homeHostId,
    vcpus: choices.vcpus,
    memory: { staticMax: choices.memoryBytes, dynamicMin: choices.dynamicMinBytes, dynamicMax: choices.memoryBytes },
    disks: choices.disks.map((disk) => ({ userdevice: disk.userdevice, sizeBytes: disk.sizeBytes, srId: disk.srId ?? '', name: '' })),
    networks: choices.networks.map((vif) => ({ device: vif.device, networkId: vif.networkId ?? '' })),
    start: choices.start,
  };
  const parsed = vmMethods['vm.create'].input.safeParse(input);
  return parsed.success ? { ok: true, input } : { ok: false, error: validationError('vm.create', parsed.error) };
}

/** One line of the Finish step's summary. */
export interface SummaryRow {
  readonly label: string;
  readonly value: string;
}

/** The Finish step's summary of every choice, in the order of the steps. */
export function summaryRows(index: ObjectIndex, choices: NewVmChoices): SummaryRow[] {
  const name = (id: string | null, none: string) => (id ? nameOf(index.objects.get(id)) || id : none);
  const memory =
    choices.dynamicMinBytes < choices.memoryBytes
      ? `${formatBytes(choices.memoryBytes)} (dynamic minimum ${formatBytes(choices.dynamicMinBytes)})`
      : formatBytes(choices.memoryBytes);
  return [
    { label: 'Template', value: name(choices.templateId, '—') },
    { label: 'Name', value: choices.name.trim() },
    { label: 'Description', value: choices.description.trim() || '(none)' },
    { label: 'Installation media', value: name(choices.isoVdiId, 'None') },
    { label: 'Home server', value: name(choices.homeHostId, 'None (the pool chooses)') },
    { label: 'vCPUs', value: String(choices.vcpus) },
    { label: 'Memory', value: memory },
    ...choices.disks.map((disk) => ({ label: `Disk ${disk.userdevice}`, value: `${formatBytes(disk.sizeBytes)} on ${name(disk.srId, '—')}` })),
    ...(choices.disks.length === 0 ? [{ label: 'Disks', value: 'None' }] : []),
    ...choices.networks.map((vif) => ({ label: `Interface ${vif.device}`, value: name(vif.networkId, '—') })),
    ...(choices.networks.length === 0 ? [{ label: 'Networks', value: 'None' }] : []),
  ];
}
