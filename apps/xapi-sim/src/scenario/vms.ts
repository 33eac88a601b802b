/** Guest VMs: the VM record with its disks, CD drive, VIFs, metrics, guest metrics, consoles and snapshots. */
import { DATA_DISK_GIB, addVdi, type SrHandle } from './storage.js';
import { NULL_REF, type PoolContext } from './pool-context.js';
import { GiB, MiB } from './seed-builder.js';
import { addSnapshot, type DiskInfo, type VifInfo } from './snapshots.js';
import { addCdVbd, addDiskVbd, addVif } from './vm-devices.js';
import { vmMemoryOverhead } from './memory.js';
import { osAndSizingFields } from './vm-common.js';
import type { VmPlan } from './vm-plan.js';
import { addConsoles, addGuestMetrics, addVmMetrics } from './vm-runtime.js';

const DAY = 86_400_000;

/** Chooses the SR for a VM's disks: shared storage mostly, the local SR of `hostIndex` otherwise. */
function chooseSr(ctx: PoolContext, hostIndex: number): SrHandle {
  const { rng } = ctx.b;
  if (ctx.sharedSrs.length > 0 && rng.chance(0.75)) return rng.pick(ctx.sharedSrs);
  return ctx.localSrs[hostIndex]!;
}

/** A guest IP on network `net` for the `index`-th VM, unique across the pool. */
function guestIp(net: number, index: number): string {
  const k = index + 10;
  return `10.${net}.${(k >> 8) & 255}.${k & 255}`;
}

/** Adds one guest VM (the `index`-th) as planned. */
export function addGuestVm(ctx: PoolContext, plan: VmPlan, index: number): string {
  const { b } = ctx;
  const { rng } = b;
  const live = plan.power === 'Running' || plan.power === 'Paused';
  const host = live ? ctx.hosts[plan.host!]! : undefined;
  // Where the disks live decides affinity for VMs that are not running.
  const diskHost = plan.host ?? rng.int(0, ctx.hosts.length - 1);
  const sr = chooseSr(ctx, diskHost);
  const onLocal = !sr.fields.shared;
  const installTime = new Date(ctx.now.getTime() - rng.int(30, 900) * DAY);
  const startTime = new Date(ctx.now.getTime() - rng.int(60, 60 * DAY / 1000) * 1000);
  const ref = b.newRef();

  const disks: DiskInfo[] = [];
  const diskSizes = [Math.max(plan.os.diskGiB, rng.pick([10, 16, 20, 32, 40, 64]))];
  for (let i = 0; i < plan.dataDisks; i++) diskSizes.push(rng.pick(DATA_DISK_GIB));
  diskSizes.forEach((gib, i) => {
    const spec = {
      name: i === 0 ? `${plan.name} system` : `${plan.name} data ${i}`,
      description: i === 0 ? `Created by template provisioner` : '',
      virtualSize: gib * GiB,
      type: i === 0 ? ('system' as const) : ('user' as const),
      used: 0.1 + rng.next() * 0.8,
    };
    disks.push({ vdi: addVdi(b, sr, spec), sr, spec });
  });
  disks.forEach((d, i) => addDiskVbd(b, ref, d.vdi, i, live));
  const iso = rng.chance(0.2) && ctx.isoVdis.length ? rng.pick(ctx.isoVdis) : null;
  const cd = plan.os.family === 'windows' && plan.tools && ctx.toolsIso && rng.chance(0.5) ? ctx.toolsIso : iso;
  addCdVbd(b, ref, cd, live);

  const vifs: VifInfo[] = [];
  const ips: string[] = [];
  for (let i = 0; i < plan.vifs && i < ctx.guestNetworks.length; i++) {
    const netIndex = i === 0 ? (rng.chance(0.8) ? 0 : rng.int(0, ctx.guestNetworks.length - 1)) : rng.int(0, ctx.guestNetworks.length - 1);
    const net = ctx.guestNetworks[netIndex]!;
    if (vifs.some((v) => v.network === net.ref)) continue;
    const mac = rng.mac();
    addVif(b, ref, net.ref, i, mac, live);
    vifs.push({ network: net.ref, mac });
    ips.push(guestIp(netIndex, index));
  }

  let suspendVdi = NULL_REF;
  if (plan.power === 'Suspended') {
    suspendVdi = addVdi(b, sr, {
      name: 'Suspend image',
      description: `Memory image of ${plan.name}`,
      virtualSize: plan.size.memory + 16 * MiB,
      type: 'suspend',
      used: 1,
    });
  }

  const metrics = addVmMetrics(b, plan, live, startTime, installTime);
  const tools = plan.tools && plan.power !== 'Halted';
  const guestMetrics = tools ? addGuestMetrics(b, plan, ips, startTime) : NULL_REF;
  if (host) addConsoles(b, ref, host.plan.address);

  const template = ctx.templatesByName.get(plan.os.template);
  const fields = b.put('VM', ref, {
    name_label: plan.name,
    name_description: plan.description,
    power_state: plan.power,
    user_version: 1,
    is_a_template: false,
    is_default_template: false,
    is_control_domain: false,
    resident_on: host?.ref ?? NULL_REF,
    affinity: onLocal ? ctx.hosts[diskHost]!.ref : NULL_REF,
    memory_overhead: vmMemoryOverhead(plan.size.memory, plan.size.vcpusMax),
    ...osAndSizingFields(plan.os, plan.size),
    other_config: {
      base_template_name: plan.os.template,
      ...(template ? { 'install-methods': plan.os.family === 'windows' ? 'cdrom' : 'cdrom,nfs,http,ftp' } : {}),
      mac_seed: rng.uuid(),
      ...(rng.chance(0.3) ? { auto_poweron: 'true' } : {}),
    },
    domid: live ? index + 1 : -1,
    domarch: live ? 'x64' : '',
    metrics,
    guest_metrics: guestMetrics,
    suspend_VDI: suspendVdi,
    last_boot_CPU_flags: host ? { vendor: host.plan.cpu.vendor, features: host.plan.cpu.features } : {},
    bios_strings: {
      'bios-vendor': 'Xen',
      'bios-version': '',
      'system-manufacturer': 'Xen',
      'system-product-name': 'HVM domU',
      'system-version': '',
      'system-serial-number': '',
      'hp-rombios': '',
      'oem-1': 'Xen',
      'oem-2': 'MS_VM_CERT/SHA1/bdbeb6e0a816d43fa6d3fe8aaef04c2bad9d3e3d',
    },
    tags: plan.tags,
    last_booted_record: '',
    start_delay: 0,
    shutdown_delay: 0,
    order: 0,
  });

  let parent = NULL_REF;
  for (let s = 0; s < plan.snapshots; s++) {
    const time = new Date(ctx.now.getTime() - (plan.snapshots - s) * rng.int(1, 20) * DAY);
    parent = addSnapshot(ctx, ref, fields, plan, disks, vifs, time);
  }
  fields.parent = parent;
  return ref;
}
