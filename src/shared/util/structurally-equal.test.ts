import { describe, expect, it } from 'vitest';
import { structurallyEqual } from './structurally-equal.js';

describe('structurallyEqual', () => {
  it('compares scalars by value', () => {
    expect(structurallyEqual('Running', 'Running')).toBe(true);
    expect(structurallyEqual(1, '1')).toBe(false);
    expect(structurallyEqual(null, undefined)).toBe(false);
    expect(structurallyEqual(Number.NaN, Number.NaN)).toBe(true);
  });

  it('compares XAPI sets and maps deeply, whatever the key order', () => {
    expect(structurallyEqual(['OpaqueRef:a', 'OpaqueRef:b'], ['OpaqueRef:a', 'OpaqueRef:b'])).toBe(true);
    expect(structurallyEqual(['OpaqueRef:a', 'OpaqueRef:b'], ['OpaqueRef:b', 'OpaqueRef:a'])).toBe(false);
    expect(structurallyEqual({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(structurallyEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(structurallyEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
  });

  it('tells apart what only looks alike', () => {
    expect(structurallyEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(structurallyEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(structurallyEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(structurallyEqual([], {})).toBe(false);
    expect(structurallyEqual({ 0: 'x', length: 1 }, ['x'])).toBe(false);
    expect(structurallyEqual(null, {})).toBe(false);
  });
});
