import { XenithErrorCode } from '../../shared/api/errors.js';
import type { PropertyChanges } from '../../shared/api/methods/object-properties.js';
import { ApiFailure } from '../api/failure.js';
import { assertSamePool, describeJobError, findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import type { PropertyStep } from './property-step.js';
import { combinedFailure, type StepFailure } from './step-failures.js';
import { commonSteps, type PropertiesObject } from './property-steps-common.js';
import { hostSteps, poolSteps } from './property-steps-host.js';
import { vmSteps } from './property-steps-vm.js';

export interface SetPropertiesInput {
  objectId: string;
  changes: PropertyChanges;
}

/** The object the dialog edits, of the class its changes are for. */
function propertiesObject(deps: ActionDeps, objectId: string, changes: PropertyChanges): PropertiesObject {
  const object = deps.mirror.object(objectId);
  if (!object) throw new ApiFailure(XenithErrorCode.notFound, `There is no object ${objectId} in a connected pool. It may have been deleted.`, { params: [objectId] });
  if (object.$type !== changes.class) {
    throw new ApiFailure(XenithErrorCode.validation, `${quoted(object)} is a ${object.$type}, not a ${changes.class}.`, { params: [object.$type] });
  }
  return object as PropertiesObject;
}

/** Every step of the change, resolved against the mirror first so a bad reference fails the call, not the job. */
function stepsFor(deps: ActionDeps, object: PropertiesObject, changes: PropertyChanges): PropertyStep[] {
  const [pool] = deps.mirror.ofType('pool', object.$pool);
  if (!pool) throw new ApiFailure(XenithErrorCode.notFound, 'The pool of this object is not in the mirror yet. Try again in a moment.');
  const steps = commonSteps(object, changes, pool);
  if (changes.class === 'VM' && object.$type === 'VM') {
    if (changes.homeServerId) assertSamePool(object, findObject(deps.mirror, changes.homeServerId, 'host'));
    steps.push(...vmSteps(object, changes));
  } else if (changes.class === 'host' && object.$type === 'host') {
    steps.push(...hostSteps(object, changes));
  } else if (changes.class === 'pool' && object.$type === 'pool') {
    const networkId = changes.migrationNetworkId;
    const network = networkId ? findObject(deps.mirror, networkId, 'network') : null;
    if (network) assertSamePool(object, network);
    steps.push(...poolSteps(object, changes, networkId === undefined ? undefined : (network?.uuid ?? null)));
  }
  return steps;
}

/**
 * objects.setProperties: a Properties dialog's changes as one job. Each part (name, memory, home server…) is set
 * with XAPI's own setters; a part XAPI refuses is reported with its code and sentence and the others still apply,
 * so the person sees every failure at once and what did change. Nothing to change starts no job.
 */
export function runSetProperties(deps: ActionDeps, { objectId, changes }: SetPropertiesInput): string[] {
  const object = propertiesObject(deps, objectId, changes);
  const steps = stepsFor(deps, object, changes);
  if (steps.length === 0) return [];
  const describe = describeJobError(deps.mirror);
  const spec = { poolId: object.$pool, title: `Saving properties of ${quoted(object)}`, action: 'objects.setProperties', objectIds: [object.$id], cancellable: false };
  return [
    startPoolJob(deps, spec, async (xapi, job) => {
      const failures: StepFailure[] = [];
      for (const [index, step] of steps.entries()) {
        try {
          await step.apply(xapi);
        } catch (error) {
          failures.push({ label: step.label, error: describe(error, object.$pool) });
        }
        job.setProgress((index + 1) / steps.length);
      }
      if (failures.length > 0) throw combinedFailure(failures, steps.length);
    }),
  ];
}
