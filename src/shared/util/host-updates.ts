/**
 * Facts about a host's updates that both the server and the Updates tab read from the host record: which family
 * of updates the pool takes, whether the host waits for a reboot (or a toolstack restart), and the history Xenith
 * keeps in `other_config`. Pure: records in, values out.
 */
import { updateHistoryEntrySchema, updateHistoryKey, updateHistoryLimit, type UpdateFamily, type UpdateHistoryEntry } from '../api/update-schema.js';

interface HostFacts {
  readonly software_version: Readonly<Record<string, string>>;
  readonly other_config: Readonly<Record<string, string>>;
  readonly updates_requiring_reboot?: readonly string[];
  readonly pending_guidances?: readonly string[];
}

/** Major and minor of a product version ("8.4.0" → [8, 4]). */
function majorMinor(version: string): [number, number] {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor];
}

/**
 * The family from the master's software_version, as Xen Orchestra tells them apart: XCP-ng by its brand, and
 * XenServer 8.4 and later (CDN updates) by version; every other XenServer / Citrix Hypervisor takes pool_update
 * packages.
 */
export function updateFamilyOf(softwareVersion: Readonly<Record<string, string>>): UpdateFamily {
  if (softwareVersion.product_brand === 'XCP-ng') return 'xcp-ng';
  const [major, minor] = majorMinor(softwareVersion.product_version ?? '');
  return major > 8 || (major === 8 && minor >= 4) ? 'cdn' : 'xenserver';
}

/** other_config times are seconds, sometimes with a trailing dot ("1717236000."). */
function seconds(value: string | undefined): number {
  const parsed = Number.parseFloat(value ?? '');
  return Number.isFinite(parsed) ? parsed : Number.NaN;
}

/** What a host waits for after its updates. */
export interface PendingAfterUpdate {
  reboot: boolean;
  toolstackRestart: boolean;
}

/**
 * Whether the host waits for a reboot: XCP-ng when packages were installed after it booted (the mark Xen
 * Orchestra also reads: rpm_patch_installation_time after boot_time), XenServer when an applied update asks for
 * one, XenServer 8.4 when reboot_host is pending; and whether a toolstack restart is pending.
 */
export function pendingAfterUpdate(host: HostFacts): PendingAfterUpdate {
  const installedAt = seconds(host.other_config.rpm_patch_installation_time);
  const bootedAt = seconds(host.other_config.boot_time);
  const xcp = Number.isFinite(installedAt) && (!Number.isFinite(bootedAt) || installedAt > bootedAt);
  const pending = host.pending_guidances ?? [];
  return {
    reboot: xcp || (host.updates_requiring_reboot ?? []).length > 0 || pending.includes('reboot_host'),
    toolstackRestart: pending.includes('restart_toolstack'),
  };
}

/** The history Xenith wrote on a host, oldest first; unreadable entries are left out. */
export function readUpdateHistory(otherConfig: Readonly<Record<string, string>>): UpdateHistoryEntry[] {
  const raw = otherConfig[updateHistoryKey];
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) => {
    const result = updateHistoryEntrySchema.safeParse(entry);
    return result.success ? [result.data] : [];
  });
}

/** The history's new value once `entry` is added: the newest `updateHistoryLimit` entries, as JSON. */
export function appendUpdateHistory(otherConfig: Readonly<Record<string, string>>, entry: UpdateHistoryEntry): string {
  return JSON.stringify([...readUpdateHistory(otherConfig), updateHistoryEntrySchema.parse(entry)].slice(-updateHistoryLimit));
}

/** Packages whose update needs a reboot (kernel, hypervisor, microcode, firmware), as XCP-ng's documentation lists them. */
export function packageNeedsReboot(name: string): boolean {
  return /^(kernel|xen-hypervisor|xen-dom0-libs|xen-libs|xen-tools|microcode_ctl|linux-firmware|xcp-ng-release)$/.test(name) || /^(kernel|xen-hypervisor)-/.test(name);
}
