import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphLayoutKey } from '../../src/shared/api/stats-schema.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig;
beforeAll(async () => {
  rig = await startActionRig({ hosts: 2, vms: 4, seed: 11 });
});
afterAll(async () => rig?.close());

const mirror = () => rig.xenith.server.internals.mirror;

describe('alerts and graph layouts through the server', () => {
  it('dismisses one alert and several (message.destroy, destroy_many): gone from the pool', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push(((await rig.control('/alerts', { name: 'TEST_ALERT', priority: 2, body: `n${i}` })) as { ref: string }).ref);
    await waitUntil(() => refs.every((ref) => mirror().object(ref) !== undefined), 'alerts in the mirror');
    expect(await rig.xenith.call('alerts.dismiss', { alertIds: [refs[0]] })).toEqual({ dismissed: 1 });
    expect(await rig.xenith.call('alerts.dismiss', { alertIds: refs.slice(1) })).toEqual({ dismissed: 2 });
    const left = rows(await rig.db(), 'message').map(([ref]) => ref);
    expect(left.filter((ref) => refs.includes(ref))).toEqual([]);
    await expect(rig.xenith.call('alerts.dismiss', { alertIds: [guests(await rig.db())[0]![0]] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('sets and removes a VM\'s perfmon alarms', async () => {
    const [vm] = guests(await rig.db())[0]!;
    await rig.xenith.call('alerts.setAlarms', { objectId: vm, alarms: { cpu: { level: 80, minutes: 2 } } });
    const config = () => rig.sim.engine.store.get('VM', vm).other_config as Record<string, string>;
    expect(config().perfmon).toBe('<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.8"/><alarm_trigger_period value="120"/></variable></config>');
    await waitUntil(() => 'perfmon' in ((mirror().get(vm, 'VM')?.other_config ?? {}) as object), 'perfmon in the mirror');
    await rig.xenith.call('alerts.setAlarms', { objectId: vm, alarms: {} });
    expect(config().perfmon).toBeUndefined();
  });

  it('saves a Performance layout in the pool\'s gui_config and removes it', async () => {
    const [vm, record] = guests(await rig.db())[0]!;
    const graphs = [{ title: 'Mine', sources: ['cpu0', 'vif_0_rx'] }];
    await rig.xenith.call('stats.saveLayout', { objectId: vm, graphs });
    const pool = () => rig.sim.engine.store.get('pool', rig.sim.engine.poolRef());
    const key = graphLayoutKey(String(record.uuid));
    expect(JSON.parse((pool().gui_config as Record<string, string>)[key]!)).toEqual(graphs);
    const mirrored = () => (([...mirror().ofType('pool')][0]?.gui_config ?? {}) as Record<string, string>)[key] ?? '';
    await waitUntil(() => mirrored().includes('Mine'), 'layout in the mirror');
    await rig.xenith.call('stats.saveLayout', { objectId: vm, graphs: [{ title: 'Other', sources: ['memory'] }] });
    expect(JSON.parse((pool().gui_config as Record<string, string>)[key]!)).toEqual([{ title: 'Other', sources: ['memory'] }]);
    await waitUntil(() => mirrored().includes('Other'), 'new layout in the mirror');
    await rig.xenith.call('stats.saveLayout', { objectId: vm, graphs: null });
    expect((pool().gui_config as Record<string, string>)[key]).toBeUndefined();
  });
});
