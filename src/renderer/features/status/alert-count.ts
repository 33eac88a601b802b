import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';

/**
 * Whether an XAPI message counts in the status bar's ⚠ count: priorities 1 to 3, the ones XAPI ranks as needing
 * attention (1 highest). Routine messages (VM_STARTED is 5, a new master 4) stay in the Alerts list, out of the
 * count, as XenCenter keeps its alert count for what a person must look at.
 */
export function countsAsAlert(priority: unknown): boolean {
  const value = typeof priority === 'number' ? priority : Number(priority);
  return Number.isFinite(value) && value >= 1 && value <= 3;
}

/** How many messages of every connected pool count as alerts. */
export function alertCount(index: ObjectIndex): number {
  let count = 0;
  for (const message of objectsOfType(index, 'message')) if (countsAsAlert(message.priority)) count++;
  return count;
}
