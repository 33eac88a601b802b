/** Generates a realistic, seed-deterministic pool (hosts, storage, networks, templates, VMs) as plain seed data. */
import { addressPlus } from './addresses.js';
import { addHost, hostMemoryOverhead, type HostHandle } from './hosts.js';
import { hostMemoryFor, vmMemoryOverhead } from './memory.js';
import { hostName, POOL_NAMES, SITES } from './names.js';
import { addHostPifs, addNetworks } from './network.js';
import { ISO_IMAGES, TOOLS_ISO } from './os-catalog.js';
import { NULL_REF, type PoolContext } from './pool-context.js';
import { Prng } from './prng.js';
import { CPU_MODELS, usesCdnUpdates, type ProductBrand } from './product.js';
import { GiB, SeedBuilder, TiB } from './seed-builder.js';
import { addSmDrivers } from './sm-drivers.js';
import { addDvdSr, addIsoSr, addLocalSr, addSharedSr, addVdi, finalizeSrs, type SrHandle } from './storage.js';
import { addTemplates } from './templates.js';
import type { PoolSeed } from './types.js';
import { dom0MemoryFor, placeVms, planVms } from './vm-plan.js';
import { addGuestVm } from './vms.js';

export interface GeneratePoolOptions {
  hosts: number;
  /** Guest VMs (not counting templates, snapshots or control domains). */
  vms: number;
  /** VM templates; default 12. */
  templates?: number;
  /** Shared VM SRs (NFS / iSCSI, alternating); default 2. Every host also gets its own local SR. */
  srs?: number;
  /** Pool networks: eth0, eth1, then VLANs; default 3. */
  networks?: number;
  seed: number;
  /** First host's address; the others follow (127.0.0.1, .2, .3 …). Default 127.0.0.1. */
  baseAddress?: string;
  productBrand?: ProductBrand;
  /** Overrides the brand's product version (e.g. `8.2.1` for a XenServer that takes pool_update packages). */
  productVersion?: string;
}

/** The scenario clock: a fixed instant, so timestamps depend only on the seed. */
const SCENARIO_NOW = Date.UTC(2025, 5, 2, 9, 30, 0);

/** Builds the pool described by `opts`; the same options always give the same seed data. */
export function generatePool(opts: GeneratePoolOptions): PoolSeed {
  if (!Number.isInteger(opts.hosts) || opts.hosts < 1) throw new Error('a pool needs at least one host');
  if (!Number.isInteger(opts.vms) || opts.vms < 0) throw new Error('vms must be a non-negative integer');
  const brand = opts.productBrand ?? 'XCP-ng';
  const rng = new Prng(opts.seed);
  const b = new SeedBuilder(rng);
  const now = new Date(SCENARIO_NOW - rng.int(0, 86_400) * 1000);

  // Plan VMs first so each host can be given enough memory for what will run on it.
  const plans = planVms(rng, opts.vms);
  const guestUse = placeVms(plans, opts.hosts);
  const site = rng.pick(SITES);
  const cpu = rng.pick(CPU_MODELS);
  const cpus = rng.pick([8, 12, 16, 24, 32]);
  const baseMemory = rng.pick([128, 192, 256]) * GiB;

  addSmDrivers(b);
  const networks = addNetworks(b, opts.networks ?? 3);
  const hosts: HostHandle[] = [];
  const localSrs: SrHandle[] = [];
  const dvdSrs: SrHandle[] = [];
  const hostAddresses: Record<string, string> = {};
  const localKind = rng.chance(0.5) ? 'ext' : 'lvm';
  for (let h = 0; h < opts.hosts; h++) {
    const dom0Reserve = 8 * GiB + vmMemoryOverhead(8 * GiB, 16);
    const memoryTotal = hostMemoryFor(guestUse[h]! + dom0Reserve, baseMemory);
    const address = addressPlus(opts.baseAddress ?? '127.0.0.1', h);
    const host = addHost(
      b,
      {
        name: hostName(brand, site, h),
        address,
        cpus,
        cpu,
        memoryTotal,
        dom0Memory: dom0MemoryFor(memoryTotal),
        bootTime: new Date(now.getTime() - rng.int(2, 120) * 86_400_000),
      },
      brand,
      opts.productVersion,
    );
    hosts.push(host);
    hostAddresses[host.ref] = address;
    addHostPifs(b, host.ref, address, networks);
    localSrs.push(addLocalSr(b, host.ref, localKind, rng.pick([1, 2, 4]) * TiB));
    dvdSrs.push(addDvdSr(b, host.ref));
  }

  const hostRefs = hosts.map((h) => h.ref);
  const sharedSrs: SrHandle[] = [];
  for (let i = 0; i < (opts.srs ?? 2); i++) {
    sharedSrs.push(addSharedSr(b, hostRefs, i % 2 === 0 ? 'nfs' : 'lvmoiscsi', i, rng.pick([4, 8, 16]) * TiB));
  }
  const isoSr = addIsoSr(b, hostRefs, 'ISO library', false);
  const isoVdis = ISO_IMAGES.map(([name, size]) => addVdi(b, isoSr, { name, virtualSize: size, type: 'user' }));
  const toolsSr = addIsoSr(b, hostRefs, `${brand} Tools`, true);
  const toolsIso = addVdi(b, toolsSr, { name: TOOLS_ISO[brand], virtualSize: 63_150_080, type: 'user', readOnly: true, isToolsIso: true });

  const templates = addTemplates(b, opts.templates ?? 12);
  const ctx: PoolContext = {
    b,
    hosts,
    localSrs,
    sharedSrs,
    isoVdis,
    toolsIso,
    guestNetworks: networks.filter((n) => n.forGuests),
    templatesByName: new Map(templates.map((t) => [t.os.template, t.ref])),
    now,
  };
  plans.forEach((plan, i) => addGuestVm(ctx, plan, i));

  const defaultSr = sharedSrs[0] ?? localSrs[0]!;
  for (const [h, host] of hosts.entries()) {
    const sr = sharedSrs[0] ?? localSrs[h]!;
    host.fields.suspend_image_sr = sr.ref;
    host.fields.crash_dump_sr = sr.ref;
  }
  const master = hosts[0]!;
  // XenServer 8.4 takes its updates from the CDN: the base and update repositories, both enabled.
  const repositories = usesCdnUpdates(brand, opts.productVersion)
    ? [
        b.add('Repository', { name_label: 'base', name_description: 'XenServer base', binary_url: 'https://repo.ops.xenserver.com/xs8/base', source_url: 'https://repo-src.ops.xenserver.com/xs8/base', update: false }),
        b.add('Repository', { name_label: 'normal', name_description: 'XenServer normal updates', binary_url: 'https://repo.ops.xenserver.com/xs8/normal', source_url: 'https://repo-src.ops.xenserver.com/xs8/normal', update: true }),
      ]
    : [];
  b.add('pool', {
    repositories,
    name_label: rng.pick(POOL_NAMES),
    name_description: `${opts.hosts}-host ${brand} pool`,
    master: master.ref,
    default_SR: defaultSr.ref,
    suspend_image_SR: defaultSr.ref,
    crash_dump_SR: defaultSr.ref,
    other_config: { auto_poweron: 'false', memory_ratio_hvm: '0.25', memory_ratio_pv: '0.25' },
    ha_enabled: false,
    tags: [],
    gui_config: {},
    cpu_info: master.fields.cpu_info,
    migration_compression: false,
    tls_verification_enabled: true,
    redo_log_vdi: NULL_REF,
  });
  finalizeSrs([...localSrs, ...dvdSrs, ...sharedSrs, isoSr, toolsSr]);
  // Host memory overhead is already reserved in hostMemoryFor's headroom; record it for consumers.
  for (const host of hosts) host.fields.memory_overhead = hostMemoryOverhead(host.plan.memoryTotal);
  return { objects: b.objects, hostAddresses, masterRef: master.ref };
}
