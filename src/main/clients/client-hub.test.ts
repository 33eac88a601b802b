import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../shared/api/job-schema.js';
import { EventBus, type ServerEvent } from '../events/event-bus.js';
import { ClientHub } from './client-hub.js';

/** A client whose queued bytes the test sets, recording what it is sent. */
function recordingSink() {
  const sink = { backlog: 0, received: [] as ServerEvent[], send: (event: ServerEvent) => sink.received.push(event), backlogBytes: () => sink.backlog };
  return sink;
}

const job = (jobId: string, progress: number) => ({ job: { jobId, progress } as Job, removed: false });
const summary = (event: ServerEvent) => {
  const payload = event.payload as { job?: { jobId: string; progress: number }; poolId?: string };
  return payload.job ? `${payload.job.jobId}@${payload.job.progress}` : `${event.event}${payload.poolId ? `:${payload.poolId}` : ''}`;
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ClientHub broadcast to a slow client', () => {
  it('holds events while its queue is full and then sends the latest per job, pool and setting, in the order they last changed', () => {
    const bus = new EventBus();
    const hub = new ClientHub(bus, { maxBacklogBytes: 1000, retryMs: 50 });
    const slow = recordingSink();
    const fast = recordingSink();
    hub.add(slow);
    hub.add(fast);
    slow.backlog = 5000;
    bus.emit('jobs.changed', job('a', 0.1));
    bus.emit('jobs.changed', job('a', 0.2));
    bus.emit('jobs.changed', job('b', 0.5));
    bus.emit('pool.status', { poolId: 'p1' } as never);
    bus.emit('pool.removed', { poolId: 'p1' });
    bus.emit('jobs.changed', job('a', 0.3));
    expect(fast.received.map(summary)).toEqual(['a@0.1', 'a@0.2', 'b@0.5', 'pool.status:p1', 'pool.removed:p1', 'a@0.3']);
    expect(slow.received).toEqual([]);

    // Still behind at the next look: still nothing, and more keeps merging.
    vi.advanceTimersByTime(50);
    bus.emit('jobs.changed', job('b', 0.9));
    expect(slow.received).toEqual([]);

    slow.backlog = 0;
    vi.advanceTimersByTime(50);
    expect(slow.received.map(summary)).toEqual(['pool.removed:p1', 'a@0.3', 'b@0.9']);
    // Caught up: events flow at once again.
    bus.emit('jobs.changed', job('c', 0.1));
    expect(slow.received.map(summary).at(-1)).toBe('c@0.1');
  });

  it('lets its own targeted events through (the object stream paces those itself)', () => {
    const bus = new EventBus();
    const hub = new ClientHub(bus, { maxBacklogBytes: 1000 });
    const slow = recordingSink();
    const clientId = hub.add(slow);
    slow.backlog = 5000;
    bus.emitTo(clientId, 'objects.delta', { reset: false, added: [], changed: [], removed: ['x'] });
    expect(slow.received.map((event) => event.event)).toEqual(['objects.delta']);
  });

  it('forgets what it held for a client that leaves', () => {
    const bus = new EventBus();
    const hub = new ClientHub(bus, { maxBacklogBytes: 1000, retryMs: 50 });
    const slow = recordingSink();
    const clientId = hub.add(slow);
    slow.backlog = 5000;
    bus.emit('jobs.changed', job('a', 0.1));
    hub.remove(clientId);
    slow.backlog = 0;
    vi.advanceTimersByTime(100);
    expect(slow.received).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
