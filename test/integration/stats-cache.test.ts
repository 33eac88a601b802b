import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../src/main/events/event-bus.js';
import type { ObjectSeries } from '../../src/shared/api/stats-schema.js';
import { computeRrdUpdates } from '../../apps/xapi-sim/src/rrd/rrd-updates.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig;
interface RrdCounts { total: number; byHost: Record<string, Record<string, number>> }

async function rrdCounts(): Promise<RrdCounts> {
  const status = (await (await fetch(`${rig.sim.controlUrl}/status`)).json()) as { rrdUpdates: RrdCounts };
  return status.rrdUpdates;
}
const countOf = (counts: RrdCounts, host: string, step: number) => counts.byHost[host]?.[String(step)] ?? 0;

/** A running guest on each of two hosts, and the hosts. */
async function runningGuests(): Promise<{ vm: string; host: string }[]> {
  const running = guests(await rig.db()).filter(([, vm]) => vm.power_state === 'Running');
  const byHost = new Map<string, string>();
  for (const [ref, vm] of running) if (!byHost.has(String(vm.resident_on))) byHost.set(String(vm.resident_on), ref);
  return [...byHost].map(([host, vm]) => ({ vm, host }));
}

/** A second client of the same server, recording its events. */
function secondClient() {
  const events: ServerEvent[] = [];
  const session = rig.xenith.server.connectClient({ send: (event) => events.push(event), backlogBytes: () => 0 });
  const call = async <T,>(method: string, input: unknown): Promise<T> => {
    const result = await session.dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.output as T;
  };
  return { events, call, close: () => session.close() };
}

const changedFor = (events: readonly ServerEvent[], watchId: string) =>
  events.filter((event) => event.event === 'stats.changed' && (event.payload as { watchId: string }).watchId === watchId);

beforeAll(async () => {
  rig = await startActionRig({ hosts: 3, vms: 12, seed: 7 });
  // Guests have run for a day, so every archive has values to compare.
  for (const vm of rig.sim.engine.store.rows('VM_metrics')) rig.sim.engine.store.update('VM_metrics', vm.ref, { start_time: new Date(Date.now() - 86_400_000 * 2) });
});
afterAll(async () => rig?.close());

describe('the stats cache against the simulator', () => {
  it('makes one rrd_updates request per host per resolution per interval, whatever the number of graphs and clients', async () => {
    const [a, b] = await runningGuests();
    expect(a && b).toBeTruthy();
    const idle = rig.sim.hosts.map((host) => host.ref).find((ref) => ref !== a!.host && ref !== b!.host)!;
    const other = secondClient();
    const before = await rrdCounts();
    const started = Date.now();
    // Six graphs over two clients on host a's VM and host a itself, plus one on host b's VM, at 5 s; one at 1 min.
    const opened = await Promise.all([
      rig.xenith.call('stats.query', { objectIds: [a!.vm], resolution: '5s', watchId: 'cpu' }),
      rig.xenith.call('stats.query', { objectIds: [a!.vm], resolution: '5s', watchId: 'memory', sources: ['memory', 'memory_internal_free'] }),
      rig.xenith.call('stats.query', { objectIds: [a!.host], resolution: '5s', watchId: 'host' }),
      other.call('stats.query', { objectIds: [a!.vm, b!.vm], resolution: '5s', watchId: 'cpu' }),
      other.call('stats.query', { objectIds: [a!.vm], resolution: '5s', watchId: 'disk' }),
      other.call('stats.query', { objectIds: [a!.host], resolution: '5s', watchId: 'host' }),
      other.call('stats.query', { objectIds: [a!.vm], resolution: '1m', watchId: 'hour' }),
    ]);
    expect(opened).toHaveLength(7);
    // The first answer and three more 5 s polls reach both clients.
    await waitUntil(() => changedFor(other.events, 'cpu').length >= 4 && changedFor(rig.xenith.events, 'cpu').length >= 4, 'four rounds of new points', 40_000);
    const elapsed = (Date.now() - started) / 1000;
    const after = await rrdCounts();
    const fiveSecond = countOf(after, a!.host, 5) - countOf(before, a!.host, 5);
    // The first fetch, then one per 5 s row that came while we watched.
    expect(fiveSecond).toBeGreaterThanOrEqual(4);
    expect(fiveSecond).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 5));
    expect(countOf(after, b!.host, 5) - countOf(before, b!.host, 5)).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 5));
    expect(countOf(after, a!.host, 60) - countOf(before, a!.host, 60)).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 60));
    // Nobody watches the third host: it is not polled at all.
    expect(Object.values(after.byHost[idle] ?? {}).reduce((x, y) => x + y, 0)).toBe(Object.values(before.byHost[idle] ?? {}).reduce((x, y) => x + y, 0));
    // Only new points: each event starts after the previous one's last point.
    const starts = changedFor(other.events, 'cpu').flatMap((event) => (event.payload as { series: ObjectSeries[] }).series.filter((s) => s.objectId === a!.vm).map((s) => s.start));
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts).toEqual([...new Set(starts)].sort((x, y) => x - y));

    // When the graphs close, the polling stops.
    for (const watchId of ['cpu', 'memory', 'host']) await rig.xenith.call('stats.unwatch', { watchId });
    other.close();
    await waitUntil(() => rig.xenith.server.internals.stats.usage.pollers === 0, 'pollers stopped');
  }, 60_000);

  it('serves the simulator\'s RRD values at every resolution', async () => {
    const [{ vm, host }] = await runningGuests() as [{ vm: string; host: string }];
    const vmUuid = String(rig.sim.engine.store.get('VM', vm).uuid);
    const steps = { '5s': 5, '1m': 60, '1h': 3600, '1d': 86400 } as const;
    for (const [resolution, step] of Object.entries(steps)) {
      const { series } = await rig.xenith.call<{ series: ObjectSeries[] }>('stats.query', { objectIds: [vm], resolution, sources: ['cpu0', 'memory'] });
      const [ours] = series;
      expect(ours!.step).toBe(step);
      const cpu = ours!.sources.find((source) => source.name === 'cpu0')!;
      expect(cpu.values.length).toBeGreaterThan(100);
      const truth = computeRrdUpdates(rig.sim.engine, host, { start: ours!.start - 1, cf: 'AVERAGE', interval: step, host: false, vmUuids: [vmUuid] });
      const column = truth.legend.indexOf(`AVERAGE:vm:${vmUuid}:cpu0`);
      const byTime = new Map(truth.rows.map((row) => [row.t, row.values[column]!]));
      let compared = 0;
      cpu.values.forEach((value, i) => {
        const expected = byTime.get(ours!.start + i * step);
        if (expected === undefined) return;
        if (Number.isNaN(expected)) expect(value).toBeNull();
        else expect(value).toBeCloseTo(expected, 5);
        compared++;
      });
      expect(compared).toBeGreaterThan(100);
    }
  }, 60_000);

  it('leaves a gap, not a line, while a host is down', async () => {
    const member = rig.sim.hosts.find((h) => !h.master)!.ref;
    await rig.xenith.call('stats.query', { objectIds: [member], resolution: '5s', watchId: 'gap' });
    const seen = () => changedFor(rig.xenith.events, 'gap').length;
    await waitUntil(() => seen() >= 1, 'points before the host goes down', 20_000);
    await rig.control(`/hosts/${member}/kill`);
    const down = Date.now() / 1000;
    await waitUntil(() => Date.now() / 1000 - down > 12, 'the host down for two rows', 20_000);
    await rig.control(`/hosts/${member}/restart`);
    const up = Date.now() / 1000;
    await waitUntil(() => {
      const last = changedFor(rig.xenith.events, 'gap').at(-1)?.payload as { series: ObjectSeries[] } | undefined;
      const s = last?.series[0];
      return !!s && s.start + (s.sources[0]!.values.length - 1) * s.step > up + 5;
    }, 'points after the host is back', 40_000);
    const { series } = await rig.xenith.call<{ series: ObjectSeries[] }>('stats.query', { objectIds: [member], resolution: '5s', sources: ['cpu0'] });
    const [s] = series;
    const points = s!.sources[0]!.values.map((value, i) => ({ t: s!.start + i * s!.step, value }));
    const during = points.filter((p) => p.t > down + 5 && p.t <= up - 1);
    const beforeDown = points.filter((p) => p.t < down - 5);
    const afterUp = points.filter((p) => p.t > up + 5);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((p) => p.value === null)).toBe(true);
    expect(beforeDown.some((p) => p.value !== null)).toBe(true);
    expect(afterUp.some((p) => p.value !== null)).toBe(true);
    await rig.xenith.call('stats.unwatch', { watchId: 'gap' });
  }, 90_000);

  it('gives the overview of every host and the busiest VMs from the same cache', async () => {
    const [{ vm }] = (await runningGuests()) as [{ vm: string; host: string }];
    await rig.control('/metrics/load', { vm, value: 1, at: Date.now() / 1000 - 60 });
    await rig.control('/metrics/load', { value: 0.05, at: Date.now() / 1000 - 60 });
    const overview = await rig.xenith.call<{ hosts: { objectId: string; cpu: number | null; memoryTotal: number | null }[]; top: Record<string, { objectId: string; value: number }[]> }>('stats.overview', { limit: 3, watch: false });
    expect(overview.hosts.map((h) => h.objectId).sort()).toEqual(rig.sim.hosts.map((h) => h.ref).sort());
    expect(overview.hosts.every((h) => h.cpu !== null && h.memoryTotal! > 0)).toBe(true);
    expect(overview.top.cpu![0]!.objectId).toBe(vm);
    for (const list of Object.values(overview.top)) {
      expect(list.length).toBeLessThanOrEqual(3);
      expect(list.map((r) => r.value)).toEqual([...list.map((r) => r.value)].sort((a, b) => b - a));
    }
    await waitUntil(() => rig.xenith.server.internals.stats.usage.pollers === 0, 'the overview\'s polling stopped');
  }, 60_000);
});
