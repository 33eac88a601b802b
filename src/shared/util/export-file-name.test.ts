import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-file-name.js';

describe('exportFileName', () => {
  it('names the file after the VM with the extension of its compression', () => {
    expect(exportFileName('web-01', 'none')).toBe('web-01.xva');
    expect(exportFileName('web-01', 'zstd')).toBe('web-01.xva.zst');
    expect(exportFileName('web-01', 'gzip')).toBe('web-01.xva.gz');
  });

  it('replaces what file systems refuse, and names a nameless VM', () => {
    expect(exportFileName('a/b:c*d?', 'none')).toBe('a_b_c_d_.xva');
    expect(exportFileName('  ', 'none')).toBe('vm.xva');
  });
});
