import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventNames, events, methodNames, methods } from './contract.js';

describe('the contract', () => {
  it.each(methodNames)('%s has a noun.verb name, schemas and a summary', (name) => {
    const spec = methods[name];
    expect(name).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
    expect(spec.input).toBeInstanceOf(z.ZodType);
    expect(spec.output).toBeInstanceOf(z.ZodType);
    expect(spec.summary.length).toBeGreaterThan(10);
    expect(spec.summary).not.toContain('\n');
  });

  it.each(eventNames)('event %s has a payload schema and a summary', (name) => {
    expect(events[name].payload).toBeInstanceOf(z.ZodType);
    expect(events[name].summary.length).toBeGreaterThan(10);
  });

  it('starts with the calls the foundation needs', () => {
    expect(methodNames).toEqual(expect.arrayContaining(['app.version', 'app.health', 'settings.get', 'settings.set']));
  });
});
