/**
 * What the New Storage Repository wizard has chosen so far, and what each step still needs: pure data and
 * functions, so the wizard's rules are tested without a window.
 */
import type { FoundSr, SrLocation, SrProbeResult } from '../../../shared/api/methods/sr.js';

/** The kinds of storage XenCenter's wizard offers, in its order. */
export const srKinds = ['nfs', 'iscsi', 'smb', 'local', 'iso-nfs', 'iso-smb'] as const;
export type SrKind = (typeof srKinds)[number];

export const srKindText: Record<SrKind, { label: string; detail: string; defaultName: string }> = {
  nfs: { label: 'NFS', detail: 'Virtual disks as VHD files on an NFS export, shared by every server.', defaultName: 'NFS virtual disk storage' },
  iscsi: { label: 'iSCSI', detail: 'A LUN of an iSCSI target, shared by every server (LVM).', defaultName: 'iSCSI virtual disk storage' },
  smb: { label: 'SMB', detail: 'Virtual disks as VHD files on an SMB (CIFS) share, shared by every server.', defaultName: 'SMB virtual disk storage' },
  local: { label: 'Local disk', detail: "A disk of one server, as EXT (thin) or LVM (thick); only that server sees it.", defaultName: 'Local storage' },
  'iso-nfs': { label: 'NFS ISO library', detail: 'ISO images on an NFS export.', defaultName: 'NFS ISO library' },
  'iso-smb': { label: 'SMB ISO library', detail: 'ISO images on an SMB (CIFS) share.', defaultName: 'SMB ISO library' },
};

export const newSrSteps = ['type', 'name', 'location', 'finish'] as const;
export type NewSrStep = (typeof newSrSteps)[number];
export const newSrStepTitles: Record<NewSrStep, string> = { type: 'Type', name: 'Name', location: 'Location', finish: 'Finish' };

/** What to do with an SR the location already holds: attach it again, or format the place (its disks are lost). */
export type ExistingChoice = { readonly kind: 'new' } | { readonly kind: 'reattach'; readonly uuid: string } | { readonly kind: 'format' };

export interface NewSrChoices {
  readonly poolId: string;
  /** The server that probes and creates (the master; for a local disk, the server that has it). */
  readonly hostId: string;
  readonly kind: SrKind;
  readonly name: string;
  readonly nameEdited: boolean;
  readonly description: string;
  readonly nfs: { readonly server: string; readonly path: string; readonly version: '' | '3' | '4' | '4.1' };
  readonly iscsi: { readonly target: string; readonly port: string; readonly useChap: boolean; readonly chapUser: string; readonly chapPassword: string; readonly iqn: string; readonly scsiId: string };
  readonly smb: { readonly share: string; readonly user: string; readonly password: string };
  readonly local: { readonly format: 'ext' | 'lvm'; readonly device: string };
  readonly isoNfs: { readonly location: string };
  /** What the discovery scans found. */
  readonly targets: readonly { readonly iqn: string; readonly address: string }[];
  readonly luns: readonly { readonly scsiId: string; readonly lunId: number; readonly size: number; readonly vendor: string; readonly serial: string }[];
  readonly exports: readonly string[];
  /** The SRs already at the complete location (null until probed). */
  readonly found: readonly FoundSr[] | null;
  readonly existing: ExistingChoice;
}

export function emptyNewSr(poolId: string, hostId: string): NewSrChoices {
  return {
    poolId, hostId, kind: 'nfs', name: srKindText.nfs.defaultName, nameEdited: false, description: '',
    nfs: { server: '', path: '', version: '' },
    iscsi: { target: '', port: '3260', useChap: false, chapUser: '', chapPassword: '', iqn: '', scsiId: '' },
    smb: { share: '', user: '', password: '' },
    local: { format: 'ext', device: '' },
    isoNfs: { location: '' },
    targets: [], luns: [], exports: [], found: null, existing: { kind: 'new' },
  };
}

/** Another kind: its default name unless the person typed one; earlier discoveries no longer apply. */
export function chooseKind(choices: NewSrChoices, kind: SrKind): NewSrChoices {
  return { ...choices, kind, name: choices.nameEdited ? choices.name : srKindText[kind].defaultName, found: null, existing: { kind: 'new' } };
}

/** A location field changed: what was found for the old location no longer applies. */
export function locationChanged(choices: NewSrChoices, change: Partial<NewSrChoices>): NewSrChoices {
  return { ...choices, ...change, found: null, existing: { kind: 'new' } };
}

const port = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The location as the contract takes it, as far as it is filled in (discovery fills the rest). */
export function locationOf(choices: NewSrChoices): SrLocation {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  switch (choices.kind) {
    case 'nfs':
      return { type: 'nfs', server: choices.nfs.server.trim(), path: optional(choices.nfs.path), version: choices.nfs.version || undefined };
    case 'iscsi': {
      const { iscsi } = choices;
      const chap = iscsi.useChap && iscsi.chapUser.trim() !== '' ? { chapUser: iscsi.chapUser.trim(), chapPassword: iscsi.chapPassword } : {};
      return { type: 'iscsi', target: iscsi.target.trim(), port: port(iscsi.port), iqn: optional(iscsi.iqn), scsiId: optional(iscsi.scsiId), ...chap };
    }
    case 'smb':
      return { type: 'smb', share: choices.smb.share.trim(), user: optional(choices.smb.user), password: choices.smb.password === '' ? undefined : choices.smb.password };
    case 'local':
      return { type: 'local', format: choices.local.format, device: choices.local.device.trim() };
    case 'iso-nfs':
      return { type: 'iso-nfs', location: choices.isoNfs.location.trim() };
    case 'iso-smb':
      return { type: 'iso-smb', share: choices.smb.share.trim(), user: optional(choices.smb.user), password: choices.smb.password === '' ? undefined : choices.smb.password };
  }
}

/** What a scan found, merged into the choices (the first target and LUN chosen when there is only one). */
export function withDiscovery(choices: NewSrChoices, result: SrProbeResult): NewSrChoices {
  switch (result.kind) {
    case 'targets': {
      const iqn = result.targets.length === 1 ? result.targets[0]!.iqn : '';
      return { ...choices, targets: result.targets, luns: [], iscsi: { ...choices.iscsi, iqn, scsiId: '' }, found: null };
    }
    case 'luns':
      return { ...choices, luns: result.luns, iscsi: { ...choices.iscsi, scsiId: '' }, found: null };
    case 'exports':
      return { ...choices, exports: result.exports.map((entry) => entry.path), found: null };
    case 'srs': {
      const attachable = result.srs.filter((sr) => sr.srId === null);
      // A LUN or a local disk holds one SR: reattaching it is the safe default. NFS and SMB can hold several.
      const single = choices.kind === 'iscsi' || choices.kind === 'local';
      const existing: ExistingChoice = single && attachable[0] ? { kind: 'reattach', uuid: attachable[0].uuid } : { kind: 'new' };
      return { ...choices, found: result.srs, existing };
    }
  }
}

const IPV4_OR_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/** What stops the Location step, in the words shown beside Next (null: Next is allowed). */
function locationProblem(choices: NewSrChoices): string | null {
  switch (choices.kind) {
    case 'nfs':
      if (!IPV4_OR_NAME.test(choices.nfs.server.trim())) return 'Enter the NFS server';
      return choices.nfs.path.trim().startsWith('/') ? null : 'Enter or choose the path (it starts with /)';
    case 'iscsi': {
      const { iscsi } = choices;
      if (!IPV4_OR_NAME.test(iscsi.target.trim())) return 'Enter the target host';
      const p = port(iscsi.port);
      if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 65535)) return 'The port is a number from 1 to 65535';
      if (iscsi.useChap && iscsi.chapUser.trim() === '') return 'Enter the CHAP user';
      if (iscsi.iqn === '') return 'Scan the target host and choose a target IQN';
      return iscsi.scsiId === '' ? 'Choose a LUN' : null;
    }
    case 'smb':
    case 'iso-smb':
      return /^(\\\\|\/\/)[^\\/]+[\\/].+/.test(choices.smb.share.trim()) ? null : 'Enter the share as \\\\server\\share';
    case 'local':
      return choices.local.device.trim().startsWith('/dev/') ? null : 'Enter the disk, as /dev/sdb';
    case 'iso-nfs':
      return /^[^:\s]+:\/.*/.test(choices.isoNfs.location.trim()) ? null : 'Enter the location as server:/path';
  }
}

/** What stops the Finish step: an SR already in this pool cannot be attached twice. */
function finishProblem(choices: NewSrChoices): string | null {
  if (choices.existing.kind !== 'reattach') return null;
  const uuid = choices.existing.uuid;
  return choices.found?.some((sr) => sr.uuid === uuid && sr.srId !== null) ? 'That SR is already in this pool' : null;
}

export function newSrStepProblem(choices: NewSrChoices, step: NewSrStep): string | null {
  switch (step) {
    case 'type':
      return null;
    case 'name':
      return choices.name.trim() === '' ? 'Enter a name' : null;
    case 'location':
      return locationProblem(choices);
    case 'finish':
      return finishProblem(choices);
  }
}

/** The sr.create input for the choices: a new SR, or the chosen SR found there reattached. */
export function createInput(choices: NewSrChoices): { hostId: string; name: string; description: string; location: SrLocation; reattachUuid?: string } {
  const base = { hostId: choices.hostId, name: choices.name.trim(), description: choices.description, location: locationOf(choices) };
  return choices.existing.kind === 'reattach' ? { ...base, reattachUuid: choices.existing.uuid } : base;
}
