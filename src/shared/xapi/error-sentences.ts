/**
 * Sentences for XAPI error codes, saying what happened and what to do. Pure (no Node, no DOM): the server uses it
 * for its own calls and the renderer for failed XAPI tasks started by other clients.
 */
import { srBackendFailure, storageNetworkSentences } from './storage-network-sentences.js';

/** Names an object from its ref (a VM's name_label, say); returns undefined when it does not know the ref. */
export type RefNamer = (ref: string) => string | undefined;

/** What a sentence may read: the error's params and a way to name the refs among them. */
export interface SentenceInput {
  readonly params: readonly string[];
  /** The param at `index` as ` 'name'` (leading space) when it is a known ref or plain text, else ''. */
  named(index: number): string;
  /** The param at `index` as a byte size, or undefined. */
  bytes(index: number): string | undefined;
}

export type Sentence = (input: SentenceInput) => string;

/** Human byte size, as the task panel and dialogs show sizes. */
export function formatByteSize(value: number): string {
  if (value >= 2 ** 40) return `${(value / 2 ** 40).toFixed(1)} TiB`;
  if (value >= 2 ** 30) return `${(value / 2 ** 30).toFixed(1)} GiB`;
  return `${(value / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * XAPI's memory rule, from the constraint it names: the order static min ≤ dynamic min ≤ dynamic max ≤ static max,
 * or, where dynamic memory control is off (no licence, a control domain, nested virtualisation), the dynamic range
 * pinned at the static maximum.
 */
function memoryRuleSentence(constraint: string): string {
  if (!constraint.includes('= static_max')) {
    return 'The memory values must be in the order static minimum ≤ dynamic minimum ≤ dynamic maximum ≤ static maximum. Change them so they are.';
  }
  const why = /DMC disabled/.test(constraint)
    ? "the pool's licence does not include dynamic memory control"
    : /control domain/.test(constraint)
      ? 'it is a control domain'
      : /nested virt/.test(constraint)
        ? 'it uses nested virtualisation'
        : 'dynamic memory control is off for it';
  return `This VM cannot use dynamic memory (${why}): set the dynamic minimum and maximum both to the static maximum.`;
}

const sentences: Record<string, Sentence> = {
  SESSION_AUTHENTICATION_FAILED: () => 'Incorrect user name or password. Check them and try again.',
  SESSION_INVALID: () => 'The session with the pool expired. Xenith logs in again automatically; if this persists, reconnect the pool.',
  HOST_IS_SLAVE: ({ params }) => `This server is a pool member; the pool master is ${params[0] || 'another host'}.`,
  HOST_OFFLINE: ({ named }) => `The server${named(0)} is offline. Start it or choose another server.`,
  HOST_NOT_LIVE: () => 'The server is not live (it is down or unreachable). Start it or choose another server.',
  HOST_STILL_BOOTING: () => 'The server is still starting. Try again in a minute.',
  HOST_DISABLED: ({ named }) => `The server${named(0)} is disabled (for example in maintenance mode). Enable it or choose another server.`,
  HOST_DISABLED_UNTIL_REBOOT: () => 'The server is disabled until it reboots. Reboot it first.',
  HOST_NOT_DISABLED: () => 'The server must be disabled first (Xenith does this for reboot and shut down; someone may have enabled it again).',
  HOST_IN_USE: ({ params }) => `The server is in use by a ${params[1] || 'another object'}. Stop that first.`,
  HOST_HAS_RESIDENT_VMS: () => 'VMs are still running on this server. Shut them down or migrate them first.',
  HOST_EVACUATE_IN_PROGRESS: () => 'The server is already being evacuated. Wait for it to finish.',
  HOST_CANNOT_ATTACH_NETWORK: ({ named }) => `The server cannot attach the network${named(1)} (a bond or VLAN on it may be broken). Fix its network or choose another server.`,
  CANNOT_EVACUATE_HOST: ({ params }) => `The server cannot be evacuated: ${describeEvacuationErrors(params[0] ?? '')}.`,
  HOST_EVACUATE_VM_NOT_HA_PROTECTED: ({ named }) => `HA is on and the VM${named(0)} is not protected, so the server cannot be evacuated. Protect or shut down that VM.`,
  RBAC_PERMISSION_DENIED: ({ params }) => `Your account is not allowed to do this${params[0] ? ` (${params[0]})` : ''}. Ask a pool administrator.`,
  VM_BAD_POWER_STATE: ({ params }) => `The VM must be ${params[1] || 'in another state'} for this, but it is ${params[2] || 'not'}.`,
  OTHER_OPERATION_IN_PROGRESS: ({ params }) => `Another operation (${params[2] || 'unknown'}) is in progress on this ${params[0] || 'object'}. Wait for it to finish.`,
  OPERATION_NOT_ALLOWED: ({ params }) => `This operation is not allowed now${params[0] ? `: ${params[0]}` : ''}.`,
  HOST_NOT_ENOUGH_FREE_MEMORY: ({ bytes }) => {
    const needed = bytes(0);
    const available = bytes(1);
    const amounts = needed && available ? ` (needs ${needed}, has ${available})` : '';
    return `The server does not have enough free memory${amounts}. Free memory or choose another server.`;
  },
  NO_HOSTS_AVAILABLE: () => 'No server in the pool can run this VM now (they are full, disabled or offline).',
  TASK_CANCELLED: () => 'The task was cancelled.',
  // Xenith's own code: the pool removed a task before Xenith saw it end (another client destroyed it).
  TASK_LOST: () => 'The pool dropped the task before it finished, so its outcome is unknown. Check the object\'s state.',
  HANDLE_INVALID: ({ params }) => `The ${params[0] || 'object'} no longer exists. It may have been deleted by someone else.`,
  VM_IS_TEMPLATE: () => 'This is a template: create a VM from it instead.',
  VM_CANNOT_DELETE_DEFAULT_TEMPLATE: () => 'This is a default template that comes with the pool; it cannot be deleted.',
  MESSAGE_METHOD_UNKNOWN: ({ params }) => `This pool does not support ${params[0] || 'this call'} (its version may be too old).`,
  VM_REQUIRES_SR: ({ named }) => `The VM needs the storage${named(1)}, which this server cannot reach. Choose a server connected to that storage.`,
  VM_REQUIRES_NETWORK: ({ named }) => `The VM needs the network${named(1)}, which this server has no interface on. Choose another server.`,
  VM_REQUIRES_VDI: ({ named }) => `The VM needs the disk${named(1)}, which cannot be attached. Check that the disk's storage is available.`,
  VM_REQUIRES_GPU: () => 'The VM needs a GPU this server does not have free. Choose another server.',
  VM_REQUIRES_VGPU: () => 'The VM needs a virtual GPU this server cannot provide. Choose another server.',
  VM_MISSING_PV_DRIVERS: () => 'This needs the guest tools (PV drivers) running in the VM. Install the tools, or use the forced operation.',
  VM_OLD_PV_DRIVERS: () => 'The guest tools (PV drivers) in this VM are too old for this. Update the tools in the VM.',
  VM_LACKS_FEATURE: () => 'The VM does not support this (its guest tools do not report the feature). Install or update the tools, or use the forced operation.',
  VM_NO_SUSPEND_SR: () => 'The VM has no storage to save its memory to when suspended. Set a default SR for the pool or a suspend SR for the VM.',
  VM_NON_SUSPENDABLE: ({ params }) => `This VM cannot be suspended${params[1] ? ` (${params[1]})` : ''}.`,
  SR_SUSPEND_SPACE_INSUFFICIENT: () => 'The suspend storage does not have enough free space for the VM\'s memory image.',
  VM_HOST_INCOMPATIBLE_VERSION: () => 'The target server runs an older version than the VM\'s server (a pool upgrade is in progress). Upgrade it first or choose another server.',
  VM_HOST_INCOMPATIBLE_VIRTUAL_HARDWARE_PLATFORM_VERSION: () => 'The target server cannot provide the virtual hardware version this VM needs. Choose a newer server.',
  VM_INCOMPATIBLE_WITH_THIS_HOST: ({ params }) => `The VM is incompatible with this server's CPU${params[2] ? ` (${params[2]})` : ''}. Choose another server.`,
  VM_MIGRATE_FAILED: ({ params }) => `The migration failed${params[3] ? `: ${params[3]}` : ''}.`,
  VM_IS_IMMOBILE: () => 'This VM is configured so that it cannot move (for example a passed-through device). Shut it down instead.',
  VM_HAS_PCI_ATTACHED: () => 'The VM has a PCI device passed through, so it cannot do this. Detach the device or shut the VM down.',
  VM_HAS_VGPU: () => 'The VM has a virtual GPU, so it cannot do this.',
  VM_TOO_MANY_VCPUS: () => 'The VM has more vCPUs than this server can give it. Lower its vCPUs or choose a bigger server.',
  VM_NO_VCPUS: () => 'The VM needs at least one vCPU to start.',
  VM_MEMORY_SIZE_TOO_LOW: () => 'The VM has too little memory to start. Give it more memory.',
  VM_SHUTDOWN_TIMEOUT: () => 'The VM did not shut down in time. Try again, or use Force Shut Down.',
  VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT: () => 'The VM did not answer the shutdown request. Try again, or use Force Shut Down.',
  VM_SUSPEND_TIMEOUT: () => 'The VM did not suspend in time. Try again.',
  VM_FAILED_SUSPEND_ACKNOWLEDGMENT: () => 'The VM did not answer the suspend request. Try again.',
  VM_HAS_NO_SUSPEND_VDI: () => 'The VM cannot be resumed because its saved memory image is missing.',
  VM_IS_PROTECTED: () => 'The VM is protected by HA, so this is not allowed. Change its HA restart priority first.',
  VM_IS_PART_OF_AN_APPLIANCE: () => 'The VM is part of a vApp; do this through the vApp instead.',
  VM_NO_EMPTY_CD_VBD: () => 'The VM has no empty CD drive to put the ISO in.',
  HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN: () => 'HA could no longer protect the pool\'s VMs after this. Change the HA settings or free capacity first.',
  MEMORY_CONSTRAINT_VIOLATION: ({ params }) => memoryRuleSentence(params[0] ?? ''),
  MEMORY_CONSTRAINT_VIOLATION_ORDER: () => memoryRuleSentence(''),
  MEMORY_CONSTRAINT_VIOLATION_MAXPIN: ({ params }) => memoryRuleSentence(`= static_max (${params[0] ?? ''})`),
  SR_FULL: ({ bytes }) => {
    const requested = bytes(0);
    const maximum = bytes(1);
    return `The storage is full${requested && maximum ? ` (needs ${requested}, can give ${maximum})` : ''}. Free space or choose another SR.`;
  },
  PROVISION_FAILED_OUT_OF_SPACE: () => 'The storage ran out of space while creating the disks. Free space or choose another SR.',
  SR_HAS_NO_PBDS: () => 'The storage is not attached to any server. Repair it first.',
  SR_NOT_ATTACHED: () => 'The storage is not attached. Repair it first.',
  SR_OPERATION_NOT_SUPPORTED: () => 'The storage does not support this operation. Choose another SR.',
  VDI_IN_USE: ({ params }) => `The disk is in use by another operation${params[1] ? ` (${params[1]})` : ''}. Wait for it to finish.`,
  VDI_MISSING: () => 'The disk could not be found on its storage. Rescan the SR.',
  VDI_NOT_AVAILABLE: () => 'The disk could not be attached. Check that its storage is available.',
  VDI_IS_NOT_ISO: () => 'That disk is not an ISO image. Choose an ISO from an ISO library.',
  VDI_TOO_SMALL: ({ bytes }) => `A disk cannot be made smaller${bytes(1) ? ` than ${bytes(1)}` : ''}.`,
  VDI_CBT_ENABLED: () => 'Changed block tracking is on for this disk, which does not allow this. Turn it off first.',
  VBD_NOT_EMPTY: () => 'The drive already has a disk in it. Eject it first.',
  DEVICE_ALREADY_EXISTS: ({ params }) => `The VM already has a device ${params[0] || 'with that number'}.`,
  LICENCE_RESTRICTION: ({ params }) => `The pool's license does not include this feature${params[0] ? ` (${params[0]})` : ''}.`,
  PROVISION_ONLY_ALLOWED_ON_TEMPLATE: () => 'Disks can only be provisioned from a template.',
  VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED: () => 'The VM cannot take a quiesced snapshot: its guest has no VSS provider (that needs Windows guest tools with VSS). Take a disk-only snapshot instead.',
  VM_SNAPSHOT_WITH_QUIESCE_FAILED: () => 'The guest could not quiesce its disks for the snapshot. Try again, or take a disk-only snapshot.',
  VM_SNAPSHOT_WITH_QUIESCE_TIMEOUT: () => 'The guest\'s VSS provider did not answer in time. Try again, or take a disk-only snapshot.',
  VM_SNAPSHOT_WITH_QUIESCE_PLUGIN_DEOS_NOT_RESPOND: () => 'The guest\'s VSS provider cannot be reached. Check the guest tools, or take a disk-only snapshot.',
  VM_CHECKPOINT_SUSPEND_FAILED: () => 'The VM\'s memory could not be saved for the snapshot. Check the suspend storage, or take a disk-only snapshot.',
  VM_CHECKPOINT_RESUME_FAILED: () => 'The VM\'s memory was saved, but the VM could not carry on running afterwards. Start it again.',
  VM_REVERT_FAILED: ({ named }) => `The VM could not be reverted to the snapshot${named(1)}. Check the VM's disks before trying again.`,
  REVERT_ONLY_ALLOWED_ON_SNAPSHOT: () => 'Only a snapshot can be reverted to.',
  UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR: ({ params }) => `The update cannot be applied to this server${params[1] ? `: ${params[1]}` : ''}. Download it again, or contact the vendor.`,
  UPDATE_PRECHECK_FAILED_WRONG_SERVER_VERSION: ({ params }) => `The update is for version ${params[2] || 'another version'}, and this server runs ${params[1] || 'a different one'}. Choose an update for its version.`,
  UPDATE_PRECHECK_FAILED_PREREQUISITE_MISSING: ({ params }) => `Another update must be applied first${params[1] ? ` (${params[1]})` : ''}. Install it, then this one.`,
  UPDATE_PRECHECK_FAILED_CONFLICT_PRESENT: ({ params }) => `An update already applied conflicts with this one${params[1] ? ` (${params[1]})` : ''}.`,
  UPDATE_PRECHECK_FAILED_OUT_OF_SPACE: ({ bytes }) => `The server lacks disk space for the update${bytes(2) ? ` (needs ${bytes(2)}, has ${bytes(1) ?? 'less'})` : ''}. Free space in its control domain first.`,
  UPDATE_PRECHECK_FAILED_GPGKEY_NOT_IMPORTED: () => 'The server cannot verify the update\'s packages (a signing key is missing). Contact the vendor.',
  UPDATE_ALREADY_APPLIED: () => 'This update is already applied to this server.',
  UPDATE_ALREADY_APPLIED_IN_POOL: () => 'This update is already applied to every server of the pool.',
  UPDATE_ALREADY_EXISTS: () => 'This update is already uploaded to the pool.',
  UPDATE_IS_APPLIED: () => 'An applied update cannot be removed from the pool.',
  UPDATE_APPLY_FAILED: ({ params }) => `The update failed to apply${params[0] ? `: ${params[0]}` : ''}.`,
  INVALID_UPDATE: ({ params }) => `The file is not a valid update${params[0] ? ` (${params[0]})` : ''}. Download it again.`,
  UPDATEINFO_HASH_MISMATCH: () => 'The pool\'s updates changed since it was last synchronised. Synchronise again, then install.',
  NO_REPOSITORY_ENABLED: () => 'The pool has no update repository enabled. Enable one (the CDN, or a bundle) first.',
  GET_UPDATES_FAILED: () => 'The pool could not list its updates. Synchronise with the update CDN first.',
  APPLY_UPDATES_FAILED: () => 'The server could not apply its updates. Look at its logs, then try again.',
  HOST_EVACUATION_IS_REQUIRED: () => 'The update needs the server empty: migrate its VMs away first (the rolling update does it).',
  HOST_PENDING_MANDATORY_GUIDANCE_NOT_EMPTY: () => 'The server still has to finish the last update (a reboot or a toolstack restart is pending). Do that first.',
  REPOSYNC_FAILED: () => 'The pool could not synchronise with its update repository. Check its network access to the CDN.',
  HA_IS_ENABLED: () => 'High availability is on, which does not allow this. Turn it off first (a rolling update can do it for you).',
  VM_IS_SNAPSHOT: () => 'This is a snapshot, which cannot do this. Create a VM from it first.',
  VMSS_HAS_VM: () => 'VMs are still assigned to this snapshot schedule. Take them off the schedule first.',
  INVALID_VALUE: ({ params }) =>
    /VCPUs_at_startup ≤ VCPUs_max/.test(params[0] ?? '')
      ? `${params[1] ?? 'That'} vCPUs is not valid here: the number of vCPUs at startup cannot be more than the maximum number of vCPUs.`
      : `The value ${params[1] ?? ''} is not valid for ${params[0] || 'this field'}.`,
  VALUE_NOT_SUPPORTED: ({ params }) => `The value ${params[1] ?? ''} is not supported for ${params[0] || 'this field'}${params[2] ? ` (${params[2]})` : ''}.`,
  TOO_MANY_PENDING_TASKS: () => 'The pool master is too busy right now. Try again in a moment.',
  IMPORT_ERROR: ({ params }) => `The destination pool could not import the VM${params[0] ? `: ${params[0]}` : ''}.`,
  IMPORT_ERROR_PREMATURE_EOF: () => 'The VM stream ended before the destination pool had all of it (the connection was cut or the export failed).',
  IMPORT_ERROR_CANNOT_HANDLE_CHUNKED: () => 'The destination pool refused the upload because its length was not given.',
  IMPORT_ERROR_SOME_CHECKSUMS_FAILED: () => 'Some of the VM\'s data arrived damaged (checksums differ). Try the transfer again.',
  // Xenith's own code: the source pool's export task did not end once its stream had.
  EXPORT_INCOMPLETE: () => 'The source pool did not confirm that it exported the whole VM, so the copy was not kept. Try again.',
  VDI_IO_ERROR: () => 'A disk could not be read or written on its storage. Check the storage and try again.',
  CLIENT_ERROR: () => 'The connection that carried the VM closed before the end of the transfer.',
  TOO_MANY_STORAGE_MIGRATES: ({ params }) => `The server is already moving as many disks as it can${params[0] ? ` (${params[0]})` : ''}. Wait for those to finish and try again.`,
  INTERNAL_ERROR: ({ params }) => `The pool reported an internal error${params[0] ? `: ${params[0]}` : ''}.`,
  ...storageNetworkSentences,
};

/** Codes that share one sentence with a base code (older XAPI versions name the missing feature). */
function sentenceFor(code: string): Sentence | undefined {
  if (sentences[code]) return sentences[code];
  if (code.startsWith('VM_LACKS_FEATURE')) return sentences.VM_LACKS_FEATURE;
  if (/^SR_BACKEND_FAILURE_\d+$/.test(code)) return srBackendFailure(code);
  return undefined;
}

/** CANNOT_EVACUATE_HOST packs each VM's error as `code,p1,p2|code,…` (xapi's one-string encoding). */
function describeEvacuationErrors(packed: string): string {
  const codes = packed.split('|').filter(Boolean).map((entry) => entry.split(',')[0]);
  return codes.length > 0 ? `${codes.length} VM(s) cannot move (${[...new Set(codes)].join(', ')})` : 'a VM cannot move';
}

/** The one error shape a described XAPI failure takes (structurally an ApiError). */
export interface DescribedXapiFailure {
  code: string;
  message: string;
  params: string[];
}

/**
 * Describes an XAPI failure (`error_info` of a failed task, or a call's error): XAPI's code and params stay
 * visible; the message is a sentence a person can act on. `nameOf` lets the sentence name the refs it mentions.
 */
export function describeXapiFailure(code: string, params: readonly unknown[] = [], nameOf?: RefNamer): DescribedXapiFailure {
  const texts = params.map(String);
  const sentence = sentenceFor(code);
  if (!sentence) {
    return { code, message: `The pool refused the operation (${code}${texts.length ? `: ${texts.join(', ')}` : ''}).`, params: texts };
  }
  const input: SentenceInput = {
    params: texts,
    named(index) {
      const value = texts[index];
      if (value === undefined || value === '') return '';
      const name = nameOf?.(value);
      if (name) return ` '${name}'`;
      return value.startsWith('OpaqueRef:') ? '' : ` ${value}`;
    },
    bytes(index) {
      const value = Number(texts[index]);
      return texts[index] !== undefined && texts[index] !== '' && Number.isFinite(value) ? formatByteSize(value) : undefined;
    },
  };
  return { code, message: sentence(input), params: texts };
}

/** True when a code has its own sentence (not the generic "the pool refused" one). */
export function hasXapiSentence(code: string): boolean {
  return sentenceFor(code) !== undefined;
}
