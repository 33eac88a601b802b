import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { Heartbeat } from './heartbeat.js';

/** The peer side as the heartbeat sees it: pings it gets, whether it was terminated, bytes still queued to it. */
function peer() {
  const socket = Object.assign(new EventEmitter(), {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    pings: 0,
    terminated: false,
    ping() {
      socket.pings++;
    },
    terminate() {
      socket.terminated = true;
    },
  });
  return socket;
}

let heartbeat: Heartbeat;
beforeEach(() => {
  vi.useFakeTimers();
  heartbeat = new Heartbeat(1000);
});
afterEach(() => {
  heartbeat.stop();
  vi.useRealTimers();
});

describe('Heartbeat', () => {
  it('keeps a peer that answers every ping, and drops it at the beat after a ping it left unanswered', () => {
    const socket = peer();
    heartbeat.watch(socket as unknown as WebSocket);
    for (let beat = 0; beat < 3; beat++) {
      vi.advanceTimersByTime(1000);
      socket.emit('pong');
    }
    expect(socket.pings).toBe(3);
    // The fourth ping goes unanswered: the beat after it drops the peer.
    vi.advanceTimersByTime(1000);
    expect(socket.pings).toBe(4);
    expect(socket.terminated).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(socket.terminated).toBe(true);
  });

  it('keeps a peer whose pong is stuck behind a big queue as long as the queue keeps shrinking', () => {
    const socket = peer();
    heartbeat.watch(socket as unknown as WebSocket);
    socket.bufferedAmount = 40_000_000;
    vi.advanceTimersByTime(1000);
    for (const left of [30_000_000, 20_000_000, 10_000_000]) {
      socket.bufferedAmount = left;
      vi.advanceTimersByTime(1000);
      expect(socket.terminated).toBe(false);
    }
    // The queue stops moving and no pong comes: gone.
    vi.advanceTimersByTime(1000);
    expect(socket.terminated).toBe(true);
  });

  it('keeps a slow peer that takes bytes while its queue is topped up, and drops one that takes none', () => {
    const slow = Object.assign(peer(), { _socket: { bytesWritten: 0 } });
    const gone = Object.assign(peer(), { _socket: { bytesWritten: 0 } });
    for (const socket of [slow, gone]) heartbeat.watch(socket as unknown as WebSocket);
    for (let beat = 1; beat <= 5; beat++) {
      // Both queues stay full (the object stream refills them); only the slow peer reads a little each time.
      slow.bufferedAmount = gone.bufferedAmount = 4_000_000 + beat;
      slow._socket.bytesWritten += 50_000;
      vi.advanceTimersByTime(1000);
    }
    expect(slow.terminated).toBe(false);
    expect(gone.terminated).toBe(true);
  });

  it('drops a peer that reads its pings but never answers them', () => {
    const mute = Object.assign(peer(), { _socket: { bytesWritten: 0 } });
    heartbeat.watch(mute as unknown as WebSocket);
    for (let beat = 1; beat <= 3; beat++) {
      mute._socket.bytesWritten = mute.pings * 2;
      vi.advanceTimersByTime(1000);
    }
    expect(mute.terminated).toBe(true);
  });
});
