import type { BondMode } from '../../shared/api/methods/network.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { HostSteps } from './host-steps.js';
import { networkRecord, removeNetwork } from './network-create.js';

export interface BondCreateInput {
  poolId: string;
  name?: string | undefined;
  pifIds: readonly string[];
  mode: BondMode;
  hashing?: 'src_mac' | 'tcpudp_ports' | undefined;
  mtu: number;
  autoAdd: boolean;
}

/** "Bond 0+1" for eth0 and eth1, as XenCenter names a new bond's network. */
function bondName(devices: readonly string[]): string {
  return `Bond ${devices.map((device) => device.replace(/^\D+/, '')).join('+')}`;
}

/** Each server's NICs with the chosen devices, the master last (its management interface moves last). */
function membersPerHost(deps: ActionDeps, poolId: string, devices: readonly string[]): { host: XapiRecord<'host'>; pifs: string[] }[] {
  const pool = [...deps.mirror.ofType('pool', poolId)][0];
  const hosts = [...deps.mirror.ofType('host', poolId)].sort((a, b) => Number(a.$id === pool?.master) - Number(b.$id === pool?.master));
  return hosts.map((host) => {
    const nics = host.PIFs.map((ref) => deps.mirror.get(ref, 'PIF')).filter((pif): pif is XapiRecord<'PIF'> => pif !== undefined && pif.physical && pif.VLAN === -1);
    const pifs = devices.map((device) => {
      const pif = nics.find((nic) => nic.device === device);
      if (!pif) throw new ApiFailure('VALIDATION', `${quoted(host)} has no NIC ${device}, so the bond cannot be made on every server. Choose NICs every server has.`);
      if (pif.bond_slave_of !== 'OpaqueRef:NULL' && deps.mirror.get(pif.bond_slave_of, 'Bond')) throw new ApiFailure('PIF_ALREADY_BONDED', `${device} on ${quoted(host)} is already in a bond.`, { params: [pif.$id] });
      return pif.$id;
    });
    return { host, pifs };
  });
}

/**
 * network.createBond, the Bonded Network page of the New Network wizard: a network for the bond, then Bond.create
 * with the same NICs on every server, the pool master last. A bond that holds the management interface takes it
 * over (XAPI moves the address onto the bond). When any server fails, every bond made is destroyed — which puts
 * each management interface back on its NIC — and the network removed, so the pool is as it was.
 */
export function runBondCreate(deps: ActionDeps, input: BondCreateInput): string {
  const chosen = input.pifIds.map((id) => findObject(deps.mirror, id, 'PIF'));
  if (chosen.some((pif) => pif.$pool !== input.poolId)) throw new ApiFailure('VALIDATION', 'Choose NICs of a server in this pool.');
  if (new Set(chosen.map((pif) => pif.host)).size !== 1) throw new ApiFailure('VALIDATION', 'Choose the NICs of one server: the same NICs are bonded on every server.');
  const devices = [...new Set(chosen.map((pif) => pif.device))];
  if (devices.length < 2) throw new ApiFailure('VALIDATION', 'Choose at least two different NICs.');
  const plan = membersPerHost(deps, input.poolId, devices);
  const name = input.name ?? bondName(devices);
  const properties = input.mode === 'lacp' ? { hashing_algorithm: input.hashing ?? 'tcpudp_ports' } : {};
  const spec = { poolId: input.poolId, title: `Creating bond '${name}'`, action: 'network.createBond', objectIds: plan.map(({ host }) => host.$id), cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const namer = mirrorNamer(deps.mirror);
    const steps = new HostSteps(job, plan.map(({ host }) => ({ hostId: host.$id, label: `Bond ${devices.join(' + ')} on ${quoted(host)}` })), (error) => describePoolError(error, input.poolId, namer));
    const network = await xapi.taskRef('network.create', [networkRecord(name, '', input.mtu, input.autoAdd)], [0, 0.1]);
    const made: { hostId: string; bond: string }[] = [];
    for (const [index, { host, pifs }] of plan.entries()) {
      const error = await steps.run(host.$id, async () => {
        made.push({ hostId: host.$id, bond: await xapi.taskRef('Bond.create', [network, pifs, '', input.mode, properties], [0.1 + (0.8 * index) / plan.length, 0.1 + (0.8 * (index + 1)) / plan.length]) });
      });
      if (!error) continue;
      for (const { hostId, bond } of made.reverse()) {
        await xapi.task('Bond.destroy', [bond]).then(
          () => steps.note(hostId, 'Bond removed again; the management interface is back on its NIC.'),
          (undoError: unknown) => steps.note(hostId, `The bond could not be removed: ${describePoolError(undoError, input.poolId, namer).message} Remove it from the server's NICs tab.`),
        );
      }
      await removeNetwork(xapi, network);
      throw new ApiFailure(error.code, `The bond could not be made on ${quoted(host)}: ${error.message} The bonds made on the other servers were removed and their management interfaces put back.`, { params: error.params ?? [] });
    }
    await mirrorShows(deps.mirror, 'network', network, (object) => object.PIFs.length === plan.length);
    job.setResult(network);
  });
}
