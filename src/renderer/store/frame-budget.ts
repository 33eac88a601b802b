import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';

/** How many entries (objects added, changed or removed) a frame carries. */
export function frameSize(frame: ObjectsDeltaFrame): number {
  return frame.added.length + frame.changed.length + frame.removed.length;
}

/**
 * Takes frames from the head of `queue` (removing them) until `budget` entries are taken, splitting the frame that
 * crosses the budget: its first part is taken, the rest stays at the head of the queue. The order of every entry
 * is kept (a frame's added, then changed, then removed), and `reset` stays on the first part only. Always takes
 * something from a non-empty queue, so the queue drains whatever the budget.
 */
export function takeWithinBudget(queue: ObjectsDeltaFrame[], budget: number): ObjectsDeltaFrame[] {
  const taken: ObjectsDeltaFrame[] = [];
  let left = Math.max(1, budget);
  while (queue.length > 0 && left > 0) {
    const frame = queue[0]!;
    const size = frameSize(frame);
    if (size <= left) {
      taken.push(queue.shift()!);
      left -= size;
      continue;
    }
    const [head, tail] = splitFrame(frame, left);
    taken.push(head);
    queue[0] = tail;
    left = 0;
  }
  return taken;
}

/** Splits a frame after its first `count` entries (0 < count < its size). */
function splitFrame(frame: ObjectsDeltaFrame, count: number): [ObjectsDeltaFrame, ObjectsDeltaFrame] {
  const added = Math.min(count, frame.added.length);
  const changed = Math.min(count - added, frame.changed.length);
  const removed = count - added - changed;
  const head: ObjectsDeltaFrame = {
    reset: frame.reset,
    added: frame.added.slice(0, added),
    changed: frame.changed.slice(0, changed),
    removed: frame.removed.slice(0, removed),
  };
  const tail: ObjectsDeltaFrame = {
    reset: false,
    added: frame.added.slice(added),
    changed: frame.changed.slice(changed),
    removed: frame.removed.slice(removed),
    ...(frame.more ? { more: true } : {}),
  };
  return [head, tail];
}
