import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../shared/api/contract.js';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { createFakeBridge, settle } from '../testing/fake-bridge.js';
import { startObjectStream } from './objects-stream.js';

const vm = (id: string) => ({ $id: id, $type: 'VM', $pool: 'p1' });
const frame = (parts: Partial<EventPayload<'objects.delta'>>): EventPayload<'objects.delta'> => ({ reset: false, added: [], changed: [], removed: [], ...parts });

function setup() {
  const bridge = createFakeBridge();
  bridge.handle('objects.subscribe', () => ({ ok: true, output: { objects: 0 } }));
  const pendingFrames: (() => void)[] = [];
  const batches: (readonly ObjectsDeltaFrame[])[] = [];
  const stop = startObjectStream(bridge, { schedule: (callback) => pendingFrames.push(callback), apply: (frames) => batches.push(frames) });
  const runFrame = () => pendingFrames.splice(0).forEach((callback) => callback());
  return { bridge, batches, pendingFrames, runFrame, stop };
}

describe('startObjectStream', () => {
  it('subscribes on every (re)connection of the bridge', async () => {
    const { bridge } = setup();
    bridge.setConnected(true);
    bridge.setConnected(false);
    bridge.setConnected(true);
    await settle();
    expect(bridge.calls.filter((call) => call.method === 'objects.subscribe')).toHaveLength(2);
  });

  it('coalesces a burst of frames into one batch per animation frame', () => {
    const { bridge, batches, pendingFrames, runFrame } = setup();
    bridge.emit('objects.delta', frame({ added: [vm('a')] }));
    bridge.emit('objects.delta', frame({ added: [vm('b')] }));
    bridge.emit('objects.delta', frame({ removed: ['a'] }));
    expect(pendingFrames).toHaveLength(1);
    expect(batches).toHaveLength(0);
    runFrame();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(3);
    bridge.emit('objects.delta', frame({ added: [vm('c')] }));
    runFrame();
    expect(batches).toHaveLength(2);
  });

  it('drops queued frames that a reset makes moot', () => {
    const { bridge, batches, runFrame } = setup();
    bridge.emit('objects.delta', frame({ added: [vm('old')] }));
    bridge.emit('objects.delta', frame({ reset: true, added: [vm('new')] }));
    bridge.emit('objects.delta', frame({ added: [vm('tail')] }));
    runFrame();
    expect(batches[0]!.map((f) => f.added[0]!.$id)).toEqual(['new', 'tail']);
  });

  it('holds the frames of a burst and applies them as one batch when its last frame arrives', () => {
    const { bridge, batches, pendingFrames, runFrame } = setup();
    bridge.emit('objects.delta', frame({ reset: true, added: [vm('a')], more: true }));
    runFrame();
    bridge.emit('objects.delta', frame({ added: [vm('b')], more: true }));
    runFrame();
    expect(pendingFrames).toHaveLength(0);
    expect(batches).toHaveLength(0);
    bridge.emit('objects.delta', frame({ added: [vm('c')] }));
    runFrame();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((f) => f.added[0]!.$id)).toEqual(['a', 'b', 'c']);
  });

  it('does not apply half a burst in a frame scheduled before the burst began', () => {
    const { bridge, batches, runFrame } = setup();
    bridge.emit('objects.delta', frame({ added: [vm('before')] }));
    bridge.emit('objects.delta', frame({ added: [vm('a')], more: true }));
    runFrame();
    expect(batches).toHaveLength(0);
    bridge.emit('objects.delta', frame({ added: [vm('b')] }));
    runFrame();
    expect(batches.map((batch) => batch.map((f) => f.added[0]!.$id))).toEqual([['before', 'a', 'b']]);
  });

  describe('when a burst stops short', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('applies what arrived once no frame followed for the burst timeout', () => {
      vi.useFakeTimers();
      const { bridge, batches, runFrame } = setup();
      bridge.emit('objects.delta', frame({ reset: true, added: [vm('a')], more: true }));
      vi.advanceTimersByTime(1500);
      bridge.emit('objects.delta', frame({ added: [vm('b')], more: true }));
      vi.advanceTimersByTime(1500);
      runFrame();
      // Each frame restarts the wait: 1.5 s after the second frame the burst is still held.
      expect(batches).toHaveLength(0);
      vi.advanceTimersByTime(600);
      runFrame();
      expect(batches.map((batch) => batch.map((f) => f.added[0]!.$id))).toEqual([['a', 'b']]);
    });

    it('forgets the dangling burst timer once stopped', () => {
      vi.useFakeTimers();
      const { bridge, pendingFrames, stop } = setup();
      bridge.emit('objects.delta', frame({ added: [vm('a')], more: true }));
      stop();
      vi.advanceTimersByTime(5000);
      expect(pendingFrames).toHaveLength(0);
    });
  });

  it('stops applying after it is stopped', () => {
    const { bridge, batches, runFrame, stop } = setup();
    bridge.emit('objects.delta', frame({ added: [vm('a')] }));
    stop();
    runFrame();
    bridge.emit('objects.delta', frame({ added: [vm('b')] }));
    runFrame();
    expect(batches).toHaveLength(0);
  });
});
