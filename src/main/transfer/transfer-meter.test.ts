import { describe, expect, it } from 'vitest';
import { TransferMeter } from './transfer-meter.js';

const MiB = 1024 * 1024;

describe('TransferMeter', () => {
  it('measures the rate over the last seconds, not since the start', () => {
    let now = 0;
    const meter = new TransferMeter('streaming', () => now);
    // 10 s at 10 MiB/s, then 10 s at 1 MiB/s: the rate follows the slowdown.
    for (let second = 0; second < 10; second++, now += 1000) meter.add(10 * MiB);
    for (let second = 0; second < 10; second++, now += 1000) meter.add(1 * MiB);
    const snapshot = meter.snapshot();
    expect(snapshot.bytesDone).toBe(110 * MiB);
    expect(snapshot.bytesPerSecond).toBeGreaterThan(0.9 * MiB);
    expect(snapshot.bytesPerSecond).toBeLessThan(1.2 * MiB);
  });

  it('gives the time left from the share done and never goes back', () => {
    let now = 0;
    const meter = new TransferMeter('storage-motion', () => now);
    meter.add(1);
    now = 10_000;
    meter.setFraction(0.25);
    expect(meter.snapshot().etaSeconds).toBe(30);
    meter.setFraction(0.1);
    expect(meter.fraction).toBe(0.25);
    meter.setFraction(1);
    expect(meter.snapshot()).toMatchObject({ path: 'storage-motion', etaSeconds: 0 });
  });

  it('has no rate or time left before there is anything to measure', () => {
    const meter = new TransferMeter('streaming', () => 0);
    expect(meter.snapshot()).toEqual({ path: 'streaming', bytesDone: 0, bytesTotal: null, bytesPerSecond: null, etaSeconds: null });
  });
});
