import { nullRef, type XapiRecord } from '../../../shared/xapi/objects.js';
import { alarmRowsOf, type AlarmRows } from '../dialogs/alarm-rows.js';
import { alarmChanges, alarmProblems } from './draft-alarms.js';
import { commonDraftOf, type CommonDraft, type DraftProblem } from './draft-common.js';

/** The four memory settings, in bytes (NaN while a box holds no number). */
export interface MemoryDraft {
  readonly staticMin: number;
  readonly dynamicMin: number;
  readonly dynamicMax: number;
  readonly staticMax: number;
}

/** A boot device as HVM_boot_params["order"] names it: c hard disk, d DVD drive, n network. */
export type BootDeviceId = 'c' | 'd' | 'n';
export interface BootDevice {
  readonly id: BootDeviceId;
  readonly enabled: boolean;
}

export interface VmDraft extends CommonDraft {
  readonly class: 'VM';
  /** XenCenter's folder path ('' for none). */
  readonly folder: string;
  readonly vcpusMax: number;
  readonly vcpusAtStartup: number;
  readonly coresPerSocket: number;
  readonly vcpuWeight: number;
  readonly memory: MemoryDraft;
  /** Every device, the ones that boot first, in order. */
  readonly boot: readonly BootDevice[];
  readonly firmware: 'bios' | 'uefi';
  readonly secureBoot: boolean;
  readonly pvArgs: string;
  readonly autoPowerOn: boolean;
  readonly homeServerId: string | null;
  readonly alarms: AlarmRows;
}

const deviceIds: readonly BootDeviceId[] = ['c', 'd', 'n'];

/** An HVM guest boots from the devices in HVM_boot_params; a PV guest from its kernel arguments. */
export function bootsLikeHvm(vm: XapiRecord<'VM'>): boolean {
  return vm.HVM_boot_policy !== '';
}

/** The boot list: the order XAPI has (XenCenter reads "cd" when there is none), then the devices left out. */
export function bootDevicesOf(order: string | undefined): BootDevice[] {
  const chosen = [...new Set([...(order ?? 'cd').toLowerCase()].filter((id): id is BootDeviceId => deviceIds.includes(id as BootDeviceId)))];
  return [...chosen.map((id) => ({ id, enabled: true })), ...deviceIds.filter((id) => !chosen.includes(id)).map((id) => ({ id, enabled: false }))];
}

export function bootOrderOf(devices: readonly BootDevice[]): string {
  return devices.filter((device) => device.enabled).map((device) => device.id).join('');
}

export function vmDraftOf(vm: XapiRecord<'VM'>, pool: XapiRecord<'pool'> | undefined): VmDraft {
  return {
    class: 'VM',
    ...commonDraftOf(vm, pool),
    folder: vm.other_config.folder ?? '',
    vcpusMax: vm.VCPUs_max,
    vcpusAtStartup: vm.VCPUs_at_startup,
    coresPerSocket: Number(vm.platform['cores-per-socket']) || 1,
    vcpuWeight: Number(vm.VCPUs_params.weight) || 256,
    memory: { staticMin: vm.memory_static_min, dynamicMin: vm.memory_dynamic_min, dynamicMax: vm.memory_dynamic_max, staticMax: vm.memory_static_max },
    boot: bootDevicesOf(vm.HVM_boot_params.order),
    firmware: vm.HVM_boot_params.firmware === 'uefi' ? 'uefi' : 'bios',
    secureBoot: vm.platform.secureboot === 'true',
    pvArgs: vm.PV_args,
    autoPowerOn: vm.other_config.auto_poweron === 'true',
    homeServerId: vm.affinity === nullRef || vm.affinity === '' ? null : vm.affinity,
    alarms: alarmRowsOf('VM', vm.other_config.perfmon),
  };
}

const sameMemory = (a: MemoryDraft, b: MemoryDraft) => a.staticMin === b.staticMin && a.dynamicMin === b.dynamicMin && a.dynamicMax === b.dynamicMax && a.staticMax === b.staticMax;

/** The VM pages' changes: only what differs from the draft the dialog opened with. */
export function vmChanges(base: VmDraft, draft: VmDraft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (draft.folder.trim() !== base.folder) {
    const folder = draft.folder.trim();
    changes.folder = folder === '' ? null : folder.startsWith('/') ? folder : `/${folder}`;
  }
  if (draft.vcpusMax !== base.vcpusMax || draft.vcpusAtStartup !== base.vcpusAtStartup) changes.vcpus = { max: draft.vcpusMax, atStartup: draft.vcpusAtStartup };
  if (draft.coresPerSocket !== base.coresPerSocket) changes.coresPerSocket = draft.coresPerSocket;
  if (draft.vcpuWeight !== base.vcpuWeight) changes.vcpuWeight = draft.vcpuWeight;
  if (!sameMemory(draft.memory, base.memory)) changes.memory = { ...draft.memory };
  const order = bootOrderOf(draft.boot);
  if (order !== bootOrderOf(base.boot)) changes.bootOrder = order;
  if (draft.firmware !== base.firmware) changes.firmware = draft.firmware;
  if (draft.secureBoot !== base.secureBoot) changes.secureBoot = draft.secureBoot;
  if (draft.pvArgs !== base.pvArgs) changes.pvArgs = draft.pvArgs;
  if (draft.autoPowerOn !== base.autoPowerOn) changes.autoPowerOn = draft.autoPowerOn;
  if (draft.homeServerId !== base.homeServerId) changes.homeServerId = draft.homeServerId;
  return { ...changes, ...alarmChanges('VM', base.alarms, draft.alarms) };
}

const wholeCount = (value: number) => Number.isInteger(value) && value >= 1 && value <= 512;

/** Memory in XAPI's order, each out-of-order value marked beside its own box. */
function memoryProblems(memory: MemoryDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const mark = (field: keyof MemoryDraft, message: string) => problems.push({ page: 'memory', field, message });
  for (const field of ['staticMin', 'dynamicMin', 'dynamicMax', 'staticMax'] as const) {
    if (!Number.isFinite(memory[field]) || memory[field] < 0) mark(field, 'Enter a size.');
  }
  if (problems.length > 0) return problems;
  if (memory.dynamicMin < memory.staticMin) mark('dynamicMin', 'Must be at least the static minimum.');
  if (memory.dynamicMax < memory.dynamicMin) mark('dynamicMax', 'Must be at least the dynamic minimum.');
  if (memory.staticMax < memory.dynamicMax) mark('staticMax', 'Must be at least the dynamic maximum.');
  return problems;
}

/** What the dialog knows is wrong with a VM draft before asking XAPI. */
export function vmProblems(draft: VmDraft, hvm: boolean): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!wholeCount(draft.vcpusMax)) problems.push({ page: 'cpu', field: 'vcpusMax', message: 'Enter a whole number from 1 to 512.' });
  if (!wholeCount(draft.vcpusAtStartup)) problems.push({ page: 'cpu', field: 'vcpusAtStartup', message: 'Enter a whole number from 1 to 512.' });
  else if (wholeCount(draft.vcpusMax) && draft.vcpusAtStartup > draft.vcpusMax) {
    problems.push({ page: 'cpu', field: 'vcpusAtStartup', message: `Cannot be more than the maximum (${draft.vcpusMax}).` });
  }
  if (wholeCount(draft.vcpusMax) && draft.vcpusMax % draft.coresPerSocket !== 0) {
    problems.push({ page: 'cpu', field: 'coresPerSocket', message: `${draft.vcpusMax} vCPUs cannot be split into sockets of ${draft.coresPerSocket} cores. Choose another topology.` });
  }
  problems.push(...memoryProblems(draft.memory));
  if (hvm && bootOrderOf(draft.boot) === '') problems.push({ page: 'boot', field: 'boot', message: 'Choose at least one device to boot from.' });
  return [...problems, ...alarmProblems('VM', draft.alarms)];
}

/** The topologies XenCenter offers for a vCPU count: every cores-per-socket that divides it. */
export function topologies(vcpus: number): { coresPerSocket: number; sockets: number }[] {
  if (!wholeCount(vcpus)) return [];
  const out: { coresPerSocket: number; sockets: number }[] = [];
  for (let cores = 1; cores <= vcpus; cores++) if (vcpus % cores === 0) out.push({ coresPerSocket: cores, sockets: vcpus / cores });
  return out;
}
