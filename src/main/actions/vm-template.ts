import { mirrorShows } from '../jobs/mirror-wait.js';
import { findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** vm.convertToTemplate: XAPI refuses it unless the VM is halted (VM.set_is_a_template has no Async form). */
export function runVmConvertToTemplate(deps: ActionDeps, vmId: string): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  return startPoolJob(deps, { poolId: vm.$pool, title: `Converting VM ${quoted(vm)} to a template`, action: 'vm.convertToTemplate', objectIds: [vm.$id], cancellable: false }, async (xapi) => {
    await xapi.call('VM.set_is_a_template', vm.$id, true);
    await mirrorShows(deps.mirror, 'VM', vm.$id, (object) => object.is_a_template === true);
  });
}
