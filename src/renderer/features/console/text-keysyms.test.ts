import { describe, expect, it } from 'vitest';
import { keysymsForText } from './text-keysyms.js';

describe('keysymsForText', () => {
  it('types ASCII and Latin-1 as themselves and line breaks as Return', () => {
    expect(keysymsForText('ls -l\n')).toEqual([0x6c, 0x73, 0x20, 0x2d, 0x6c, 0xff0d]);
    expect(keysymsForText('é')).toEqual([0xe9]);
  });
  it('uses the Unicode keysym range beyond Latin-1 and drops control characters', () => {
    expect(keysymsForText('€\u0007')).toEqual([0x010020ac]);
    expect(keysymsForText('a\r\nb')).toEqual([0x61, 0xff0d, 0x62]);
  });
});
