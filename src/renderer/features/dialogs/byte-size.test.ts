import { describe, expect, it } from 'vitest';
import { formatBytes, GiB, MiB } from './byte-size.js';

describe('formatBytes', () => {
  it('uses binary units with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(10 * GiB)).toBe('10 GiB');
    expect(formatBytes(661_651_456)).toBe('631 MiB');
    expect(formatBytes(1.25 * GiB)).toBe('1.3 GiB');
    expect(formatBytes(1536 * MiB)).toBe('1.5 GiB');
    expect(formatBytes(4 * 1024 * GiB)).toBe('4 TiB');
  });

  it('shows a dash for what is not a size', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});
