import { describe, expect, it } from 'vitest';
import { mirrorOf, samplePool } from '../details/test-mirror.js';
import { objectOf } from '../../store/mirror-read.js';
import { capacityText, hostCapacity } from './host-capacity.js';

describe('host capacity for host pickers', () => {
  it("gives a server's free memory as the Memory tab counts it and its CPU count", () => {
    const index = mirrorOf(samplePool());
    const host = objectOf(index, 'host', 'h1')!;
    const capacity = hostCapacity(index, host);
    expect(capacity.cpus).toBe(32);
    expect(capacity.totalMemory).toBe(256 * 1024 ** 3);
    expect(capacity.freeMemory).toBeLessThan(capacity.totalMemory);
    expect(capacityText(capacity)).toMatch(/^\d+\.\d GiB free of 256\.0 GiB, 32 CPUs$/);
  });

  it('leaves out what a server does not report', () => {
    expect(capacityText({ freeMemory: 0, totalMemory: 0, cpus: 0 })).toBe('');
    expect(capacityText({ freeMemory: 0, totalMemory: 0, cpus: 1 })).toBe('1 CPU');
  });
});
