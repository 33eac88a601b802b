import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/api/contract.js';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { createFakeBridge, settle } from '../testing/fake-bridge.js';
import { startObjectStream } from './objects-stream.js';

const vm = (id: string) => ({ $id: id, $type: 'VM', $pool: 'p1' });
const frame = (parts: Partial<EventPayload<'objects.delta'>>): EventPayload<'objects.delta'> => ({ reset: false, added: [], changed: [], removed: [], ...parts });

function setup(maxEntriesPerFrame?: number) {
  const bridge = createFakeBridge();
  bridge.handle('objects.subscribe', () => ({ ok: true, output: { objects: 0 } }));
  const pendingFrames: (() => void)[] = [];
  const batches: (readonly ObjectsDeltaFrame[])[] = [];
  const stop = startObjectStream(bridge, { schedule: (callback) => pendingFrames.push(callback), apply: (frames) => batches.push(frames), ...(maxEntriesPerFrame ? { maxEntriesPerFrame } : {}) });
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

  it('applies at most the frame budget per animation frame, and the rest in the next frames', () => {
    const { bridge, batches, pendingFrames, runFrame } = setup(3);
    bridge.emit('objects.delta', frame({ reset: true, added: [vm('a'), vm('b')], more: true }));
    bridge.emit('objects.delta', frame({ added: [vm('c'), vm('d')], changed: [{ $id: 'a', fields: { name_label: 'A' } }], removed: ['b'] }));
    runFrame();
    runFrame();
    runFrame();
    expect(pendingFrames).toHaveLength(0);
    const ids = (f: ObjectsDeltaFrame) => [...f.added.map((o) => `+${o.$id}`), ...f.changed.map((c) => `~${c.$id}`), ...f.removed.map((id) => `-${id}`)];
    expect(batches.map((batch) => batch.flatMap(ids))).toEqual([['+a', '+b', '+c'], ['+d', '~a', '-b']]);
    // The snapshot's reset goes with its first part only.
    expect(batches.map((batch) => batch.map((f) => f.reset))).toEqual([[true, false], [false]]);
  });

  it('starts over from a reset that arrives while a snapshot is still being applied', () => {
    const { bridge, batches, runFrame } = setup(1);
    bridge.emit('objects.delta', frame({ reset: true, added: [vm('a'), vm('b'), vm('c')] }));
    runFrame();
    bridge.emit('objects.delta', frame({ reset: true, added: [vm('x')] }));
    runFrame();
    runFrame();
    expect(batches.map((batch) => batch.map((f) => [f.reset, ...f.added.map((o) => o.$id)]))).toEqual([[[true, 'a']], [[true, 'x']]]);
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

  it('sizes its budget from what a frame cost, render included: smaller after a slow frame, larger while quick', async () => {
    const bridge = createFakeBridge();
    const pendingFrames: (() => void)[] = [];
    const sizes: number[] = [];
    let costPerEntryMs = 0.02;
    startObjectStream(bridge, {
      schedule: (callback) => pendingFrames.push(callback),
      maxEntriesPerFrame: 4000,
      frameTargetMs: 40,
      apply: (frames) => {
        const entries = frames.reduce((sum, f) => sum + f.added.length, 0);
        sizes.push(entries);
        // The store update is quick; the render React does right after it, in a microtask, is what is slow.
        queueMicrotask(() => {
          const until = performance.now() + entries * costPerEntryMs;
          while (performance.now() < until);
        });
      },
    });
    bridge.emit('objects.delta', frame({ added: Array.from({ length: 40_000 }, (_, i) => vm(`v${i}`)) }));
    const runFrame = async () => {
      pendingFrames.shift()!();
      await settle();
    };
    await runFrame(); // 4000 entries at 0.02 ms: 80 ms, twice the target.
    await runFrame();
    expect(sizes[1]).toBeLessThanOrEqual(2000);
    expect(sizes[1]).toBeGreaterThanOrEqual(1000);
    costPerEntryMs = 0.001;
    await runFrame();
    await runFrame();
    // Quick frames grow it again, at most twofold a frame.
    expect(sizes[3]).toBeGreaterThan(sizes[2]!);
    expect(sizes[3]).toBeLessThanOrEqual(2 * sizes[2]!);
    while (pendingFrames.length > 0) await runFrame();
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(40_000);
  });
});
