import { describe, expect, it } from 'vitest';
import { elementAttributes } from './xml-attributes.js';

describe('elementAttributes', () => {
  it('reads the attributes of every element of one name, in document order', () => {
    const xml = '<restrictions><restriction field="memory-static-max" max="137438953472"/><other a="1"/><restriction property="number-of-vbds" max="16" /></restrictions>';
    expect(elementAttributes(xml, 'restriction')).toEqual([
      { field: 'memory-static-max', max: '137438953472' },
      { property: 'number-of-vbds', max: '16' },
    ]);
  });

  it('decodes named and numeric entities and leaves unknown ones as written', () => {
    expect(elementAttributes('<e v="&lt;&#65;&#x42;&apos;&nbsp;"/>', 'e')).toEqual([{ v: "<AB'&nbsp;" }]);
  });

  it('does not take a longer element name for the one asked', () => {
    expect(elementAttributes('<disks a="1"/><disk b="2"/>', 'disk')).toEqual([{ b: '2' }]);
  });
});
