import { nullRef } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { addNewDisks, adaptTemplateDisks, diskVdiRefs, insertIso, provisionDisks, setNetworks } from './vm-create-devices.js';
import { planVmCreate, type VmCreateInput, type VmCreatePlan } from './vm-create-plan.js';

/** vCPUs: at_startup may never exceed max, so the order of the two setters depends on the direction. */
async function setVcpus(xapi: JobXapi, vm: string, plan: VmCreatePlan): Promise<void> {
  const max = Number(plan.template.VCPUs_max) || 1;
  if (plan.vcpus > max) {
    await xapi.call('VM.set_VCPUs_max', vm, plan.vcpus);
    await xapi.call('VM.set_VCPUs_at_startup', vm, plan.vcpus);
  } else {
    await xapi.call('VM.set_VCPUs_at_startup', vm, plan.vcpus);
    await xapi.call('VM.set_VCPUs_max', vm, plan.vcpus);
  }
}

/** Memory limits in one call (static min stays the template's unless the dynamic min goes below it). */
async function setMemory(xapi: JobXapi, vm: string, plan: VmCreatePlan): Promise<void> {
  const staticMin = Math.min(Number(plan.template.memory_static_min) || 0, plan.memory.dynamicMin);
  await xapi.call('VM.set_memory_limits', vm, staticMin, plan.memory.staticMax, plan.memory.dynamicMin, plan.memory.dynamicMax);
}

/** Removes a half-made VM and every disk made for it (best effort: each step runs even if another fails). */
async function cleanUp(xapi: JobXapi, vm: string, made: ReadonlySet<string>): Promise<void> {
  const vdis = new Set([...(await diskVdiRefs(xapi, vm).catch(() => [])), ...made]);
  await xapi.call('VM.destroy', vm).catch(() => {});
  for (const vdi of vdis) await xapi.call('VDI.destroy', vdi).catch(() => {});
}

/**
 * vm.create, the New VM wizard. The template is cloned (VM.clone: instant, copy-on-write), and everything the
 * person chose is applied to the clone while it is still a template:
 * - disks the template describes in other_config.disks: that spec is rewritten with the chosen sizes and SR
 *   uuids, then VM.provision makes them (what XenCenter does);
 * - disks the template really has: the clone's copy-on-write children are grown (VDI.resize) and, when another SR
 *   was chosen, copied there in full (VDI.copy) with the child destroyed. One clone + per-disk copies handles any
 *   mix of SRs, where a VM.copy could only put every disk on one SR and always copies everything;
 * - added disks: VDI.create + VBD.create;
 * then description, vCPUs, memory, home server, the ISO in the CD drive (a drive is added if needed), the
 * network interfaces, and finally it becomes a VM (is_a_template false) and optionally starts.
 * Interrupted work cleans up: when a step fails or the job is cancelled before the VM is complete, the VM and
 * every disk made for it are destroyed. A start that fails leaves the (complete) VM in place and says so.
 */
export function runVmCreate(deps: ActionDeps, input: VmCreateInput): string {
  const plan = planVmCreate(deps, input);
  const spec = { poolId: input.poolId, title: `Creating VM '${plan.name}' from ${quoted(plan.template)}`, action: 'vm.create', objectIds: [plan.template.$id], cancellable: true };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const vm = await xapi.taskRef('VM.clone', [plan.template.$id, plan.name], [0, 0.2]);
    const made = new Set<string>();
    try {
      // Before provisioning: the clone's disks are then exactly the template's.
      await adaptTemplateDisks(xapi, vm, plan, made, [0.2, 0.45]);
      await provisionDisks(xapi, vm, plan, [0.45, 0.7]);
      job.throwIfCancelled();
      await addNewDisks(xapi, vm, plan, made);
      job.throwIfCancelled();
      if (plan.description !== '') await xapi.call('VM.set_name_description', vm, plan.description);
      await setVcpus(xapi, vm, plan);
      await setMemory(xapi, vm, plan);
      await xapi.call('VM.set_affinity', vm, plan.home?.$id ?? nullRef);
      await insertIso(xapi, vm, plan.iso);
      await setNetworks(xapi, vm, plan);
      job.throwIfCancelled();
      await xapi.call('VM.set_is_a_template', vm, false);
      job.setProgress(0.85);
    } catch (error) {
      await cleanUp(xapi, vm, made);
      throw error;
    }
    await mirrorShows(deps.mirror, 'VM', vm, (object) => object.is_a_template === false);
    job.setResult(vm);
    if (!plan.start) return;
    try {
      if (plan.home) await xapi.task('VM.start_on', [vm, plan.home.$id, false, false], [0.85, 1]);
      else await xapi.task('VM.start', [vm, false, false], [0.85, 1]);
    } catch (error) {
      const reason = describePoolError(error, input.poolId, mirrorNamer(deps.mirror));
      throw new ApiFailure(reason.code, `VM '${plan.name}' was created, but it could not be started: ${reason.message}`, { params: reason.params ?? [] });
    }
  });
}
