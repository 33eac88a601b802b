import { describe, expect, it } from 'vitest';
import { copyName } from './clone-vm-dialog.js';

describe('copyName', () => {
  it('proposes a name no VM has yet', () => {
    expect(copyName('web-01')).toBe('Copy of web-01');
    expect(copyName('web-01', new Set(['web-01', 'Copy of web-01']))).toBe('Copy of web-01 (2)');
    expect(copyName('web-01', new Set(['Copy of web-01', 'Copy of web-01 (2)']))).toBe('Copy of web-01 (3)');
  });
});
