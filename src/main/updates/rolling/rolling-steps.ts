import { pendingAfterUpdate } from '../../../shared/util/host-updates.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { describeJobError, type ActionDeps } from '../../actions/action-context.js';
import { ApiFailure } from '../../api/failure.js';
import type { JobControl } from '../../jobs/job-registry.js';
import type { JobXapi } from '../../jobs/job-xapi.js';
import { installOnHost, type InstallContext } from '../host-install.js';
import type { RollingRecord, RollingStep, RollingStepKind } from './rolling-journal.js';

/** Timings of a rolling update (tests shorten them). */
export interface RollingTimings {
  /** How long a host may take to come back from its reboot before the step fails (default 30 min). */
  rebootTimeoutMs: number;
  /** How often a rebooting host is looked at. */
  pollMs: number;
}

export const defaultRollingTimings: RollingTimings = { rebootTimeoutMs: 30 * 60_000, pollMs: 1_000 };

export interface StepContext {
  deps: ActionDeps;
  xapi: JobXapi;
  job: JobControl;
  timings: RollingTimings;
  install: InstallContext;
  record(): RollingRecord;
  /** Changes the journal record (on disk before it resolves). */
  update(change: (record: RollingRecord) => RollingRecord): Promise<void>;
}

/** How a step went: a line for the step list, and later steps of the same host it made pointless. */
export interface StepOutcome {
  note: string | null;
  skip?: readonly RollingStepKind[];
}

/** A host record straight from the pool (the mirror may lag, or be stale while the master reboots). */
type FreshHost = Pick<XapiRecord<'host'>, 'name_label' | 'enabled' | 'other_config' | 'software_version' | 'current_operations' | 'metrics' | 'updates_requiring_reboot' | 'pending_guidances' | 'resident_VMs'>;

async function freshHost(xapi: JobXapi, hostRef: string): Promise<{ host: FreshHost; live: boolean }> {
  const host = await xapi.call<FreshHost>('host.get_record', hostRef);
  const live = await xapi.call<boolean>('host_metrics.get_live', host.metrics).catch(() => false);
  return { host, live: live === true };
}

/** Failures that mean "the pool could not be reached", not "XAPI refused": while a master reboots, calls fail so. */
function isUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown }; apiError?: { code?: unknown } };
  const code = String(e?.code ?? e?.apiError?.code ?? e?.cause?.code ?? '');
  return ['POOL_NOT_CONNECTED', 'ECONNRESET', 'ECONNREFUSED', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code) || /disconnected|socket hang up/i.test(String(e?.message ?? ''));
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const agentStart = (host: FreshHost): string => host.other_config.agent_start_time ?? '';

/** Running or paused guests on a host now (what must come back after its reboot). */
async function runningGuests(xapi: JobXapi, host: FreshHost): Promise<string[]> {
  const guests: string[] = [];
  for (const vm of host.resident_VMs) {
    const record = await xapi.call<{ is_control_domain: boolean; power_state: string }>('VM.get_record', vm).catch(() => null);
    if (record && !record.is_control_domain && (record.power_state === 'Running' || record.power_state === 'Paused')) guests.push(vm);
  }
  return guests;
}

const hostSteps = (step: RollingStep): string => `'${step.hostName}'`;

async function evacuate(ctx: StepContext, step: RollingStep): Promise<StepOutcome> {
  const hostRef = step.hostId!;
  let vms = ctx.record().vmsByHost[hostRef];
  if (!vms) {
    // Written before anything moves: after a crash the VMs to bring back are still known.
    vms = await runningGuests(ctx.xapi, (await freshHost(ctx.xapi, hostRef)).host);
    const found = vms;
    await ctx.update((record) => ({ ...record, vmsByHost: { ...record.vmsByHost, [hostRef]: found } }));
  }
  await ctx.xapi.task('host.evacuate', [hostRef]);
  return { note: vms.length === 0 ? 'No VM was running there' : `${vms.length} VM(s) moved to other servers` };
}

async function reboot(ctx: StepContext, step: RollingStep): Promise<StepOutcome> {
  const hostRef = step.hostId!;
  const { host, live } = await freshHost(ctx.xapi, hostRef);
  if (step.bootMarker !== null) {
    // Resumed after the reboot was asked for: it happened if the host is down, rebooting, or back with a new agent.
    const rebooting = Object.values(host.current_operations).includes('reboot');
    if (!live || rebooting || agentStart(host) !== step.bootMarker) return { note: 'Reboot under way' };
  } else if (!pendingAfterUpdate(host).reboot) {
    return { note: 'No reboot needed', skip: ['wait'] };
  }
  const marker = agentStart(host);
  await ctx.update((record) => ({ ...record, steps: record.steps.map((s) => (s.id === step.id ? { ...s, bootMarker: marker } : s)) }));
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.xapi.task('host.reboot', [hostRef]);
      return { note: null };
    } catch (error) {
      // The master going down takes the answer (or the task) with it — or the call never reached it. Which one is
      // told by the host once the pool answers again: rebooting, down, or back with a new agent; else ask again.
      if ((!isUnreachable(error) && (error as { code?: unknown }).code !== 'TASK_LOST') || attempt >= 3) throw error;
    }
    const seen = await whenAnswering(ctx, hostRef);
    const rebooting = Object.values(seen.host.current_operations).includes('reboot');
    if (!seen.live || rebooting || agentStart(seen.host) !== marker) return { note: 'Reboot under way' };
  }
}

/** The host as soon as the pool answers about it again (within the reboot timeout). */
async function whenAnswering(ctx: StepContext, hostRef: string): Promise<{ host: FreshHost; live: boolean }> {
  const deadline = Date.now() + ctx.timings.rebootTimeoutMs;
  for (;;) {
    ctx.job.throwIfCancelled();
    try {
      return await freshHost(ctx.xapi, hostRef);
    } catch (error) {
      if (!isUnreachable(error) || Date.now() >= deadline) throw error;
    }
    await wait(ctx.timings.pollMs);
  }
}

async function waitForBoot(ctx: StepContext, step: RollingStep): Promise<StepOutcome> {
  const hostRef = step.hostId!;
  const marker = ctx.record().steps.find((s) => s.kind === 'reboot' && s.hostId === hostRef)?.bootMarker ?? null;
  const deadline = Date.now() + ctx.timings.rebootTimeoutMs;
  for (;;) {
    ctx.job.throwIfCancelled();
    try {
      const { host, live } = await freshHost(ctx.xapi, hostRef);
      const started = Number.parseFloat(agentStart(host));
      if (live && agentStart(host) !== marker && (marker === null || !(started <= Number.parseFloat(marker)))) return { note: null };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
    }
    if (Date.now() >= deadline) {
      const seconds = Math.round(ctx.timings.rebootTimeoutMs / 1000);
      const within = seconds < 120 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
      throw new ApiFailure('HOST_REBOOT_TIMEOUT', `Server ${hostSteps(step)} did not come back within ${within} of its reboot. Check its console; Retry once it is up, or Skip it to go on without it.`, { params: [hostRef] });
    }
    await wait(ctx.timings.pollMs);
  }
}

async function bringVmsBack(ctx: StepContext, step: RollingStep): Promise<StepOutcome> {
  const hostRef = step.hostId!;
  const vms = ctx.record().vmsByHost[hostRef] ?? [];
  const describe = describeJobError(ctx.deps.mirror);
  let back = 0;
  const stuck: string[] = [];
  // Every VM is tried: one that cannot come back does not keep the others away (Xen Orchestra #10260).
  for (const vm of vms) {
    ctx.job.throwIfCancelled();
    const record = await ctx.xapi.call<{ power_state: string; resident_on: string; name_label: string }>('VM.get_record', vm).catch(() => null);
    if (!record || record.power_state !== 'Running') continue;
    if (record.resident_on === hostRef) {
      back++;
      continue;
    }
    try {
      await ctx.xapi.task('VM.pool_migrate', [vm, hostRef, { live: 'true' }]);
      back++;
    } catch (error) {
      stuck.push(`'${record.name_label}' (${describe(error, ctx.install.poolId).message})`);
    }
  }
  if (stuck.length > 0) {
    throw new ApiFailure('VMS_NOT_BACK', `${stuck.length} VM(s) could not come back to ${hostSteps(step)}: ${stuck.join('; ')}. Retry, or Skip to leave them where they are.`, { params: [hostRef] });
  }
  return { note: vms.length === 0 ? null : `${back} VM(s) back` };
}

/** What the host (and its VMs) still ask for after the reboot: a toolstack restart, new device models. */
async function applyGuidance(ctx: StepContext, step: RollingStep): Promise<StepOutcome> {
  const hostRef = step.hostId!;
  const { host } = await freshHost(ctx.xapi, hostRef);
  const done: string[] = [];
  if ((host.pending_guidances ?? []).includes('restart_toolstack')) {
    await ctx.xapi.task('host.restart_agent', [hostRef]);
    done.push('toolstack restarted');
  }
  let models = 0;
  const restartVm: string[] = [];
  for (const vm of host.resident_VMs) {
    const record = await ctx.xapi.call<{ is_control_domain: boolean; power_state: string; name_label: string; pending_guidances?: string[]; pending_guidances_recommended?: string[] }>('VM.get_record', vm).catch(() => null);
    if (!record || record.is_control_domain || record.power_state !== 'Running') continue;
    const pending = [...(record.pending_guidances ?? []), ...(record.pending_guidances_recommended ?? [])];
    if (pending.includes('restart_device_model')) {
      await ctx.xapi.task('VM.restart_device_models', [vm]);
      models++;
    }
    if (pending.includes('restart_vm')) restartVm.push(`'${record.name_label}'`);
  }
  if (models > 0) done.push(`${models} VM device model(s) restarted`);
  if (restartVm.length > 0) done.push(`to restart when convenient: ${restartVm.join(', ')}`);
  return { note: done.length > 0 ? done.join('; ') : 'Nothing pending' };
}

/** Runs one step; safe to run again after a crash or a failure (each looks at the pool before it acts). */
export async function runRollingStep(ctx: StepContext, step: RollingStep): Promise<StepOutcome> {
  const { xapi } = ctx;
  const record = ctx.record();
  switch (step.kind) {
    case 'ha-off': {
      const enabled = await xapi.call<boolean>('pool.get_ha_enabled', record.poolRef);
      if (enabled) await xapi.task('pool.disable_ha', []);
      return { note: null };
    }
    case 'disable':
      await xapi.call('host.disable', step.hostId);
      return { note: null };
    case 'evacuate':
      return evacuate(ctx, step);
    case 'install': {
      const host = ctx.deps.mirror.get(step.hostId!, 'host');
      if (!host) throw new ApiFailure('NOT_FOUND', `Server ${hostSteps(step)} is no longer in the pool.`, { params: [step.hostId!] });
      const outcome = await installOnHost(ctx.install, xapi, host, [0, 0]);
      return { note: outcome.applied.length > 0 ? `Applied ${outcome.applied.length}: ${outcome.applied.slice(0, 6).join(', ')}${outcome.applied.length > 6 ? ', …' : ''}` : 'Nothing left to install' };
    }
    case 'reboot':
      return reboot(ctx, step);
    case 'wait':
      return waitForBoot(ctx, step);
    case 'enable': {
      const { host } = await freshHost(xapi, step.hostId!);
      if (!host.enabled) await xapi.call('host.enable', step.hostId);
      return { note: null };
    }
    case 'vms-back':
      return bringVmsBack(ctx, step);
    case 'guidance':
      return applyGuidance(ctx, step);
    case 'clean':
      if (record.selection.family === 'xenserver') await xapi.call('pool_update.pool_clean', record.selection.poolUpdateId);
      return { note: null };
    case 'ha-on':
      if (record.ha) await xapi.task('pool.enable_ha', [record.ha.heartbeatSrs, record.ha.configuration]);
      return { note: null };
  }
}
