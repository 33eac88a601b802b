/**
 * XCP-ng updates through Xenith against the simulator's updater plugin on a 3-host pool: each host's list (with
 * what is installed now), a plugin that stays busy shows as busy, and an install (master first) that records a
 * history line in each host's other_config and leaves the reboot mark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import { updateHistoryKey, type PoolUpdates } from '../../src/shared/api/update-schema.js';
import { pendingAfterUpdate, readUpdateHistory } from '../../src/shared/util/host-updates.js';
import { callUpdater } from '../../apps/xapi-sim/src/updates/updater-plugin.js';
import { startUpdateRig, type UpdateRig } from './support/update-rig.js';

let rig: UpdateRig;
beforeAll(async () => {
  rig = await startUpdateRig({ hosts: 3, vms: 6, seed: 61, baseAddress: '127.0.6.1' });
  await rig.control('/updates/xcp-ng/publish', { name: 'kernel', version: '4.19.19', release: '8.0.38.1.xcpng8.3', description: 'The Linux kernel', changelog: { date: '2026-01-10', author: 'XCP-ng', description: '- Fix CVE-2026-0001' } });
  await rig.control('/updates/xcp-ng/publish', { name: 'xapi-core', version: '25.6.1', release: '1.1.xcpng8.3', description: 'The xapi toolstack' });
});
afterAll(async () => rig?.close());

describe('XCP-ng updates', () => {
  it('lists each host\'s updates with the version installed now and whether a reboot follows', async () => {
    const listed = await rig.xenith.call<PoolUpdates>('updates.list', { poolId: rig.poolId });
    expect(listed.family).toBe('xcp-ng');
    const master = rig.sim.hosts.find((h) => h.master)!.ref;
    expect(listed.hosts.map((h) => h.hostId)[0]).toBe(master);
    expect(listed.hosts).toHaveLength(3);
    for (const host of listed.hosts) {
      expect(host.status).toBe('ok');
      const byName = Object.fromEntries(host.updates.map((u) => [u.name, u]));
      expect(byName.kernel).toMatchObject({ version: '4.19.19-8.0.38.1.xcpng8.3', installed: 'kernel-4.19.19-8.0.37.1.xcpng8.3.x86_64', rebootNeeded: true, date: '2026-01-10' });
      expect(byName.kernel!.description).toContain('CVE-2026-0001');
      expect(byName['xapi-core']).toMatchObject({ version: '25.6.1-1.1.xcpng8.3', rebootNeeded: false });
    }
  });

  it('shows a host whose updater stays busy as busy, after retrying', async () => {
    const member = rig.sim.hosts.find((h) => !h.master)!.ref;
    // A check_update at full time scale holds the plugin's lock for 1.5 s: longer than Xenith's 3 tries 100 ms apart.
    await rig.control('/time-scale', { value: 1 });
    const holding = callUpdater(rig.sim.engine, member, 'check_update', {});
    await expect.poll(async () => (await rig.peek<{ operation: string | null }>(`/updates/xcp-ng/hosts/${member}`)).operation).toBe('check_update');
    const listed = await rig.xenith.call<PoolUpdates>('updates.list', { poolId: rig.poolId, hostIds: [member] });
    await holding;
    await rig.control('/time-scale', { value: 0.01 });
    expect(listed.hosts).toEqual([{ hostId: member, status: 'busy', message: expect.stringMatching(/busy with another update operation \(The updater plugin is busy \(current operation: check_update\)\)/), updates: [] }]);
  });

  it('installs master first and writes the history and the reboot mark on every host', async () => {
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: rig.poolId, selection: { family: 'xcp-ng', packages: [] }, mode: 'manual' });
    const job: Job = await rig.finished(jobIds[0]!, 120_000);
    expect(job).toMatchObject({ state: 'succeeded', action: 'updates.install' });
    expect(job.notes?.[0]).toMatch(/^Waiting for a reboot: /);
    const dump = await rig.db();
    const order: [string, string][] = [];
    for (const simHost of rig.sim.hosts) {
      const host = dump.tables.host![simHost.ref]!;
      const history = readUpdateHistory(host.other_config as Record<string, string>);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ family: 'xcp-ng', rebootNeeded: true, by: expect.stringMatching(/^root via Xenith on /) });
      expect([...history[0]!.updates].sort()).toEqual(['kernel-4.19.19-8.0.38.1.xcpng8.3', 'xapi-core-25.6.1-1.1.xcpng8.3']);
      expect(JSON.parse((host.other_config as Record<string, string>)[updateHistoryKey]!)).toHaveLength(1);
      expect(pendingAfterUpdate({ software_version: {}, other_config: host.other_config as Record<string, string> }).reboot).toBe(true);
      expect((await rig.peek<{ installed: string[] }>(`/updates/xcp-ng/hosts/${simHost.ref}`)).installed).toContain('kernel-4.19.19-8.0.38.1.xcpng8.3.x86_64');
      order.push([history[0]!.at, simHost.ref]);
    }
    order.sort(([a], [b]) => a.localeCompare(b));
    expect(order[0]![1]).toBe(rig.sim.hosts.find((h) => h.master)!.ref);
    const after = await rig.xenith.call<PoolUpdates>('updates.list', { poolId: rig.poolId });
    expect(after.hosts.every((h) => h.updates.length === 0)).toBe(true);
  });
});
