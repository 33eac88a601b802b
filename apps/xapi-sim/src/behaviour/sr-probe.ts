/**
 * SR.probe and SR.probe_ext per driver. A probe with an incomplete device_config fails with the driver's
 * discovery error, whose third parameter is XML listing what there is (SR_BACKEND_FAILURE_96: the portal's
 * targets, 107: the target's LUNs, 101: the NFS server's exports) — that is how xapi answers. A complete one
 * answers the SRs already on the storage: SR.probe as an `<SRlist>` document, SR.probe_ext as probe_result
 * records (configuration, complete, sr: the sr_stat of an SR found there, extra_info).
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { abortableDelay } from '../api/abortable-delay.js';
import { fail } from '../model/xapi-error.js';
import { hostFaultsFor } from './host-faults.js';
import { reachStorage, type Reached } from './sm-backends.js';
import { srListXml } from './sm-probe-xml.js';
import { storageWorld, type WrittenSr } from './storage-world.js';

/** Simulated probe time (ms before scaling): a driver logs in, mounts or scans. */
export const PROBE_MS = 1500;

type Config = Record<string, string>;

const asConfig = (value: unknown): Config => Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

/** The SRs written at the location, with the pool's current name and size for those it knows. */
function srsFound(engine: Engine, reached: Reached): WrittenSr[] {
  return storageWorld(engine).srsAt(reached.location).map((sr) => {
    const ref = engine.store.refByUuid('SR', sr.uuid);
    if (!ref) return sr;
    const live = engine.store.get('SR', ref);
    return { ...sr, name_label: String(live.name_label), name_description: String(live.name_description), physical_size: Number(live.physical_size) };
  });
}

async function probeCommon(ctx: CallContext, host: unknown, deviceConfig: unknown, type: unknown): Promise<{ reached: Reached; config: Config; type: string }> {
  const hostRef = String(host);
  ctx.engine.store.get('host', hostRef);
  hostFaultsFor(ctx.engine).check(hostRef, ctx.method);
  await abortableDelay(ctx.engine.scaled(PROBE_MS), ctx.engine.shutdownSignal);
  const config = asConfig(deviceConfig);
  const t = String(type).toLowerCase();
  return { reached: reachStorage(ctx.engine, hostRef, t, config), config, type: t };
}

export function registerSrProbe(engine: Engine): void {
  const r = engine.registry;
  r.implement('SR', 'probe', async (ctx, [host, deviceConfig, type]) => {
    const { reached } = await probeCommon(ctx, host, deviceConfig, type);
    return srListXml(srsFound(ctx.engine, reached).map((sr) => ({ uuid: sr.uuid, size: sr.physical_size })));
  });
  r.implement('SR', 'probe_ext', async (ctx, [host, deviceConfig, type]) => {
    const { reached, config, type: t } = await probeCommon(ctx, host, deviceConfig, type);
    if (t === 'udev') fail('SR_OPERATION_NOT_SUPPORTED', t);
    const extra = reached.lun ? { LUNid: String(reached.lun.id), size: String(reached.lun.size), vendor: reached.lun.vendor, serial: reached.lun.serial } : {};
    const found = srsFound(ctx.engine, reached);
    if (found.length === 0) return [{ configuration: config, complete: true, extra_info: extra }];
    return found.map((sr) => {
      const used = sr.vdis.reduce((n, v) => n + Number(v.physical_utilisation ?? 0), 0);
      const ref = ctx.engine.store.refByUuid('SR', sr.uuid);
      const utilisation = ref ? Number(ctx.engine.store.get('SR', ref).physical_utilisation) : used;
      return {
        configuration: config, complete: true, extra_info: extra,
        sr: { uuid: sr.uuid, name_label: sr.name_label, name_description: sr.name_description, total_space: sr.physical_size, free_space: Math.max(0, sr.physical_size - utilisation), clustered: false, health: 'healthy' },
      };
    });
  });
}
