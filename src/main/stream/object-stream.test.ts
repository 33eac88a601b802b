import { describe, expect, it } from 'vitest';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { ObjectMirror } from '../cache/object-mirror.js';
import { ClientHub } from '../clients/client-hub.js';
import { EventBus, type ServerEvent } from '../events/event-bus.js';
import { ObjectStream } from './object-stream.js';

const vm = (ref: string, fields: Record<string, unknown>) => ({ ref, type: 'VM', fields });
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(options: { snapshotChunk?: number; maxObjectsPerFlush?: number } = {}) {
  const bus = new EventBus();
  const hub = new ClientHub(bus);
  const mirror = new ObjectMirror();
  const stream = new ObjectStream(mirror, bus, hub, { flushIntervalMs: 5, maxBacklogBytes: 1000, ...options });
  const received: ServerEvent[] = [];
  let backlog = 0;
  const clientId = hub.add({ send: (event) => received.push(event), backlogBytes: () => backlog });
  return { mirror, stream, received, clientId, setBacklog: (bytes: number) => (backlog = bytes) };
}

describe('ObjectStream', () => {
  it('sends a chunked snapshot whose first frame resets the client and whose last alone lacks more', () => {
    const { mirror, stream, received, clientId } = setup({ snapshotChunk: 2 });
    mirror.apply('p', [1, 2, 3, 4, 5].map((i) => vm(`OpaqueRef:${i}`, {})));
    expect(stream.subscribe(clientId)).toBe(5);
    const frames = received.map((event) => event.payload as ObjectsDeltaFrame);
    expect(frames.map((frame) => [frame.reset, frame.added.length, frame.more])).toEqual([
      [true, 2, true],
      [false, 2, true],
      [false, 1, undefined],
    ]);
    expect(received.every((event) => event.clientId === clientId)).toBe(true);
  });

  it('sends a large batch a chunk at a time, changes and removals in the order they came', async () => {
    const { mirror, stream, received, clientId } = setup({ snapshotChunk: 2 });
    mirror.apply('p', [vm('OpaqueRef:0', {})]);
    stream.subscribe(clientId);
    received.length = 0;
    mirror.apply('p', [1, 2, 3, 4, 5].map((i) => vm(`OpaqueRef:${i}`, {})), ['OpaqueRef:0']);
    await settle(30);
    const frames = received.map((event) => event.payload as ObjectsDeltaFrame);
    expect(frames.map((frame) => [frame.added.length, frame.removed.length])).toEqual([
      [2, 0],
      [2, 0],
      [1, 1],
    ]);
  });

  it('stops sending within a flush once the client falls behind, and goes on when it has caught up', async () => {
    const { mirror, stream, received, clientId, setBacklog } = setup({ snapshotChunk: 2 });
    mirror.apply('p', [vm('OpaqueRef:0', {})]);
    stream.subscribe(clientId);
    received.length = 0;
    // Each chunk sent makes the transport's queue go over the limit, as a slow reader's does.
    const sends = received.push.bind(received);
    received.push = (...events: ServerEvent[]) => {
      setBacklog(5000);
      return sends(...events);
    };
    mirror.apply('p', [1, 2, 3, 4, 5, 6].map((i) => vm(`OpaqueRef:${i}`, {})));
    await settle(30);
    expect(received.map((event) => (event.payload as ObjectsDeltaFrame).added.length)).toEqual([2]);
    expect(stream.backlogs()[0]!.pendingObjects).toBe(4);
    setBacklog(0);
    await settle(30);
    expect(received.map((event) => (event.payload as ObjectsDeltaFrame).added.length)).toEqual([2, 2]);
  });

  it('sends a snapshot that fits one frame, and a small batch, without more', async () => {
    const { mirror, stream, received, clientId } = setup({ snapshotChunk: 2 });
    mirror.apply('p', [vm('OpaqueRef:1', {}), vm('OpaqueRef:2', {})]);
    stream.subscribe(clientId);
    mirror.apply('p', [vm('OpaqueRef:3', {})]);
    await settle(30);
    expect(received.map((event) => (event.payload as ObjectsDeltaFrame).added.length)).toEqual([2, 1]);
    expect(received.some((event) => 'more' in (event.payload as object))).toBe(false);
  });

  it('gives a slow client one coalesced batch instead of a growing queue', async () => {
    const { mirror, stream, received, clientId, setBacklog } = setup();
    mirror.apply('p', [vm('OpaqueRef:1', { power_state: 'Halted', memory: 1 })]);
    stream.subscribe(clientId);
    received.length = 0;
    setBacklog(10_000);
    for (let i = 2; i <= 50; i++) mirror.apply('p', [vm('OpaqueRef:1', { power_state: i % 2 ? 'Running' : 'Halted', memory: i })]);
    await settle(30);
    expect(received).toEqual([]);
    // One object waits, however many changes it had.
    expect(stream.backlogs()).toEqual([{ clientId, pendingObjects: 1, queuedBytes: 10_000 }]);
    setBacklog(0);
    await settle(30);
    expect(received.map((event) => event.payload)).toEqual([
      { reset: false, added: [], changed: [{ $id: 'OpaqueRef:1', fields: { power_state: 'Halted', memory: 50 } }], removed: [] },
    ]);
  });

  it('hands a client at most so many objects per flush, the rest in the next ones, later changes merged in', async () => {
    const { mirror, stream, received, clientId } = setup({ maxObjectsPerFlush: 2 });
    stream.subscribe(clientId);
    received.length = 0;
    mirror.apply('p', [1, 2, 3, 4, 5].map((i) => vm(`OpaqueRef:${i}`, { power_state: 'Halted' })));
    mirror.apply('p', [vm('OpaqueRef:5', { power_state: 'Running' })]);
    await settle(60);
    const frames = received.map((event) => event.payload as ObjectsDeltaFrame);
    expect(frames.map((frame) => frame.added.map((object) => object.$id))).toEqual([
      ['OpaqueRef:1', 'OpaqueRef:2'],
      ['OpaqueRef:3', 'OpaqueRef:4'],
      ['OpaqueRef:5'],
    ]);
    expect(frames[2]!.added[0]).toMatchObject({ power_state: 'Running' });
    expect(stream.backlogs()).toEqual([{ clientId, pendingObjects: 0, queuedBytes: 0 }]);
  });
});
