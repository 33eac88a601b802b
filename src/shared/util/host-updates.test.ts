import { describe, expect, it } from 'vitest';
import { updateHistoryKey, updateHistoryLimit, type UpdateHistoryEntry } from '../api/update-schema.js';
import { appendUpdateHistory, packageNeedsReboot, pendingAfterUpdate, readUpdateHistory, updateFamilyOf } from './host-updates.js';

const entry = (n: number): UpdateHistoryEntry => ({ at: `2026-01-${String(n % 28 + 1).padStart(2, '0')}T00:00:00.000Z`, by: 'root via Xenith', family: 'xcp-ng', updates: [`kernel-4.19.${n}`], rebootNeeded: true });

describe('updateFamilyOf', () => {
  it('tells XCP-ng, XenServer with pool_update packages and XenServer 8.4 with the CDN apart', () => {
    expect(updateFamilyOf({ product_brand: 'XCP-ng', product_version: '8.3.0' })).toBe('xcp-ng');
    expect(updateFamilyOf({ product_brand: 'XenServer', product_version: '8.2.1' })).toBe('xenserver');
    expect(updateFamilyOf({ product_brand: 'XenServer', product_version: '8.4.0' })).toBe('cdn');
    expect(updateFamilyOf({ product_brand: 'XenServer', product_version: '9.0.0' })).toBe('cdn');
    expect(updateFamilyOf({})).toBe('xenserver');
  });
});

describe('pendingAfterUpdate', () => {
  const host = { software_version: {}, other_config: {} as Record<string, string>, updates_requiring_reboot: [] as string[], pending_guidances: [] as string[] };
  it('reads XCP-ng\'s install time after boot, XenServer\'s updates requiring reboot and 8.4\'s guidance', () => {
    expect(pendingAfterUpdate(host)).toEqual({ reboot: false, toolstackRestart: false });
    expect(pendingAfterUpdate({ ...host, other_config: { boot_time: '1000.', rpm_patch_installation_time: '2000.5' } }).reboot).toBe(true);
    expect(pendingAfterUpdate({ ...host, other_config: { boot_time: '3000.', rpm_patch_installation_time: '2000.5' } }).reboot).toBe(false);
    expect(pendingAfterUpdate({ ...host, updates_requiring_reboot: ['OpaqueRef:u'] }).reboot).toBe(true);
    expect(pendingAfterUpdate({ ...host, pending_guidances: ['restart_toolstack'] })).toEqual({ reboot: false, toolstackRestart: true });
  });
});

describe('update history', () => {
  it('appends, keeps the newest entries only, and skips what it cannot read', () => {
    let config: Record<string, string> = {};
    for (let i = 0; i < updateHistoryLimit + 5; i++) config = { [updateHistoryKey]: appendUpdateHistory(config, entry(i)) };
    const history = readUpdateHistory(config);
    expect(history).toHaveLength(updateHistoryLimit);
    expect(history.at(-1)!.updates).toEqual([`kernel-4.19.${updateHistoryLimit + 4}`]);
    const damaged = JSON.stringify([entry(1), { at: 5 }, 'nonsense']);
    expect(readUpdateHistory({ [updateHistoryKey]: damaged })).toEqual([entry(1)]);
    expect(readUpdateHistory({ [updateHistoryKey]: '{not json' })).toEqual([]);
  });

  it('says which packages need a reboot', () => {
    expect(['kernel', 'xen-hypervisor', 'microcode_ctl'].map(packageNeedsReboot)).toEqual([true, true, true]);
    expect(['xapi-core', 'openssh', 'sm'].map(packageNeedsReboot)).toEqual([false, false, false]);
  });
});
