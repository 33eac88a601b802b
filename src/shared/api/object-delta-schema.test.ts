import { describe, expect, it } from 'vitest';
import { events } from './events.js';
import { objectsDeltaFrameSchema, type ObjectsDeltaFrame } from './object-delta-schema.js';

describe('objectsDeltaFrameSchema', () => {
  const frame: ObjectsDeltaFrame = {
    reset: true,
    added: [{ $id: 'OpaqueRef:1', $type: 'VM', $pool: 'p1', name_label: 'web', VCPUs_max: 2 }],
    changed: [{ $id: 'OpaqueRef:2', fields: { power_state: 'Running' } }],
    removed: ['OpaqueRef:3'],
    more: true,
  };

  it('is the contract’s objects.delta payload', () => {
    expect(events['objects.delta'].payload).toBe(objectsDeltaFrameSchema);
  });

  it('accepts a frame the server sends, keeping every field of the new objects', () => {
    expect(objectsDeltaFrameSchema.parse(frame)).toEqual(frame);
  });

  it('refuses an object without its mirror tags and a change without its id', () => {
    expect(objectsDeltaFrameSchema.safeParse({ ...frame, added: [{ $id: 'OpaqueRef:1', $pool: 'p1' }] }).success).toBe(false);
    expect(objectsDeltaFrameSchema.safeParse({ ...frame, changed: [{ fields: {} }] }).success).toBe(false);
    expect(objectsDeltaFrameSchema.safeParse({ added: [], changed: [], removed: [] }).success).toBe(false);
  });
});
