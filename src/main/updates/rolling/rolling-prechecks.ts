import type { UpdatePrecheck, UpdatePrecheckResult, UpdateSelection } from '../../../shared/api/update-schema.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { describeJobError, poolClient, quoted, type ActionDeps } from '../../actions/action-context.js';
import { runningGuests } from '../../actions/host-power.js';
import { hostsInOrder, poolForUpdates } from '../pool-update-family.js';
import { planRollingSteps } from './rolling-plan.js';

export interface PrecheckInput {
  poolId: string;
  hostIds?: readonly string[] | undefined;
  selection: UpdateSelection;
  /** automatic: the rolling checks too (evacuation, memory, HA); manual: only the update's own checks. */
  mode: 'automatic' | 'manual';
  /** HA is on and the person lets Xenith turn it off for the update and back on after. */
  disableHa: boolean;
}

const vmMemory = (vm: XapiRecord<'VM'>): number => Math.max(vm.memory_dynamic_max, vm.memory_target, 0);

/**
 * XenCenter's prechecks, before anything moves: every chosen server live, HA off (or allowed off), storage plugged
 * everywhere, every server evacuable (`host.assert_can_evacuate`) with enough free memory on the others for its VMs,
 * and the update's own check on each server (`pool_update.precheck`, its failure codes as sentences). Also the dry
 * run: each server in order with its steps and the VMs that will move off and back.
 */
export async function runUpdatePrechecks(deps: ActionDeps, input: PrecheckInput): Promise<UpdatePrecheckResult> {
  const facts = poolForUpdates(deps.mirror, input.poolId);
  const hosts = hostsInOrder(facts, input.hostIds);
  const client = poolClient(deps.pools, input.poolId);
  const describe = describeJobError(deps.mirror);
  const checks: UpdatePrecheck[] = [];
  const add = (check: Omit<UpdatePrecheck, 'code'> & { code?: string | null }): void => void checks.push({ ...check, code: check.code ?? null });
  const refused = async (id: string, hostId: string | null, title: string, run: () => Promise<unknown>, passed = 'OK'): Promise<void> => {
    try {
      await run();
      add({ id, hostId, title, status: 'passed', message: passed });
    } catch (error) {
      const described = describe(error, input.poolId);
      add({ id, hostId, title, status: 'failed', message: described.message, code: described.code });
    }
  };

  for (const host of hosts) {
    const live = deps.mirror.get(host.metrics, 'host_metrics')?.live === true;
    add({ id: `live:${host.$id}`, hostId: host.$id, title: `${quoted(host)} is live`, status: live ? 'passed' : 'failed', message: live ? 'OK' : `Server ${quoted(host)} is not reachable. Start it, or leave it out of the update.`, code: live ? null : 'HOST_OFFLINE' });
  }

  if (input.selection.family === 'xenserver') {
    const update = deps.mirror.get(input.selection.poolUpdateId, 'pool_update');
    for (const host of hosts) {
      await refused(`update:${host.$id}`, host.$id, `${update ? update.name_label : 'The update'} can be applied to ${quoted(host)}`, () => client.call('pool_update.precheck', input.selection.family === 'xenserver' ? input.selection.poolUpdateId : '', host.$id));
    }
  }

  if (input.mode === 'automatic') {
    const pool = facts.pool;
    if (pool.ha_enabled) {
      add(input.disableHa
        ? { id: 'ha', hostId: null, title: 'High availability', status: 'warning', message: 'HA is on: Xenith turns it off for the update and back on at the end.' }
        : { id: 'ha', hostId: null, title: 'High availability', status: 'failed', message: 'HA is on. Allow Xenith to turn it off during the update (it turns it back on at the end), or turn it off yourself.', code: 'HA_IS_ENABLED' });
    } else add({ id: 'ha', hostId: null, title: 'High availability', status: 'passed', message: 'HA is off' });

    // XAPI's own figure (what VM placement uses); a server that cannot answer counts as having none.
    const freeMemory = new Map(await Promise.all(facts.hosts.map(async (host) => [host.$id, Number(await client.call('host.compute_free_memory', host.$id).catch(() => 0)) || 0] as const)));
    for (const host of hosts) {
      const unplugged = deps.mirror.referrers('PBD.host', host.$id).filter((pbd) => !pbd.currently_attached).map((pbd) => quoted(deps.mirror.get(pbd.SR, 'SR')));
      add(unplugged.length === 0
        ? { id: `pbds:${host.$id}`, hostId: host.$id, title: `Storage plugged on ${quoted(host)}`, status: 'passed', message: 'OK' }
        : { id: `pbds:${host.$id}`, hostId: host.$id, title: `Storage plugged on ${quoted(host)}`, status: 'failed', message: `Not plugged on ${quoted(host)}: ${unplugged.join(', ')}. Repair the storage first.`, code: 'SR_BACKEND_FAILURE' });

      await refused(`evacuate:${host.$id}`, host.$id, `${quoted(host)} can be evacuated`, () => client.call('host.assert_can_evacuate', host.$id));

      const need = runningGuests(deps, host.$id).reduce((sum, vm) => sum + vmMemory(vm), 0);
      const free = facts.hosts.filter((other) => other.$id !== host.$id).reduce((sum, other) => sum + (freeMemory.get(other.$id) ?? 0), 0);
      add(need <= free
        ? { id: `memory:${host.$id}`, hostId: host.$id, title: `Free memory for the VMs of ${quoted(host)}`, status: 'passed', message: 'OK' }
        : { id: `memory:${host.$id}`, hostId: host.$id, title: `Free memory for the VMs of ${quoted(host)}`, status: 'failed', message: `The other servers lack free memory for the VMs of ${quoted(host)} (${Math.ceil(need / 2 ** 20)} MiB needed, ${Math.floor(free / 2 ** 20)} MiB free). Shut some VMs down first.`, code: 'HOST_NOT_ENOUGH_FREE_MEMORY' });
    }
  }

  const steps = planRollingSteps({ family: facts.family, hosts: hosts.map((h) => ({ ref: h.$id, name: h.name_label })), haOff: facts.pool.ha_enabled && input.disableHa });
  const plan = input.mode === 'automatic'
    ? hosts.map((host) => ({ hostId: host.$id, steps: steps.filter((s) => s.hostId === host.$id).map((s) => s.label), vmIds: runningGuests(deps, host.$id).map((vm) => vm.$id) }))
    : hosts.map((host) => ({ hostId: host.$id, steps: [`Install the updates on ${quoted(host)}`], vmIds: [] }));
  return { checks, plan };
}
