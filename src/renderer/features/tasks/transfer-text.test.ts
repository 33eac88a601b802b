import { describe, expect, it } from 'vitest';
import { transferText } from './transfer-text.js';

const MiB = 1024 * 1024;

describe('transferText', () => {
  it('says how the VM travels, the bytes, the rate and the time left while it runs', () => {
    expect(transferText({ path: 'streaming', bytesDone: 512 * MiB, bytesTotal: 2048 * MiB, bytesPerSecond: 64 * MiB, etaSeconds: 95 }, true)).toBe(
      'Streamed through Xenith · 512.0 MiB of 2.0 GiB · 64.0 MiB/s · 1 min 35 s left',
    );
  });

  it('keeps only the path and the bytes once finished, and leaves out what is not known yet', () => {
    expect(transferText({ path: 'storage-motion', bytesDone: 3 * MiB, bytesTotal: null, bytesPerSecond: 1 * MiB, etaSeconds: 0 }, false)).toBe('Storage motion · 3.0 MiB');
    expect(transferText({ path: 'streaming', bytesDone: 0, bytesTotal: null, bytesPerSecond: null, etaSeconds: null }, true)).toBe('Streamed through Xenith');
  });
});
