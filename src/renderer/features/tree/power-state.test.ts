import { describe, expect, it } from 'vitest';
import { powerStateLook } from './power-state.js';

describe('powerStateLook', () => {
  it('gives each XAPI power state a distinct glyph and an accessible name', () => {
    const states = ['Running', 'Halted', 'Suspended', 'Paused'];
    const looks = states.map(powerStateLook);
    expect(looks.map((look) => look.label)).toEqual(states);
    expect(new Set(looks.map((look) => look.glyph)).size).toBe(4);
  });

  it('does not pass an unknown state off as a known one', () => {
    expect(powerStateLook('Crashed').label).toBe('Unknown power state');
    expect(powerStateLook(undefined).glyph).toBe('?');
  });
});
