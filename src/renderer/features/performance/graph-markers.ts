import type { Job } from '../../../shared/api/job-schema.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { alertTitle } from '../status/alert-list.js';
import type { GraphMarker } from './perf-graph.js';

/** The alerts about an object and the Xenith jobs that touched it, between `from` and `to` (epoch s). */
export function graphMarkers(index: ObjectIndex, object: { $id: string; $pool: string; uuid: string }, jobs: Iterable<Job>, from: number, to: number): GraphMarker[] {
  const markers: GraphMarker[] = [];
  for (const message of objectsOfType(index, 'message', object.$pool)) {
    if (message.obj_uuid !== object.uuid) continue;
    const at = Date.parse(message.timestamp) / 1000;
    if (at >= from && at <= to) markers.push({ at, label: alertTitle(message.name), kind: 'alert' });
  }
  for (const job of jobs) {
    const at = job.startedAt / 1000;
    if (job.objectIds.includes(object.$id) && at >= from && at <= to) markers.push({ at, label: job.title, kind: 'job' });
  }
  return markers.sort((a, b) => a.at - b.at);
}
