import { describe, expect, it } from 'vitest';
import { RecordMapScanner, type RecordMap } from './record-map-scanner.js';

/** Records whose strings hold everything that could fool a scanner: quotes, backslashes, braces, colons. */
const records: RecordMap = {
  'OpaqueRef:a': { name_label: 'plain', other_config: { 'k"}': 'v\\', nested: '{"result":1}' }, tags: ['x', 'y'], memory: 42 },
  'OpaqueRef:b': { name_label: 'ends with a backslash \\', description: '\\"', VBDs: [], blob: { a: { b: [1, { c: '}' }] } } },
  'OpaqueRef:c': { name_label: 'ünïcødé ✓', escaped: 'line\nbreak\t"q"', n: null, flag: true },
};

function scan(chunks: readonly string[], batchChars?: number): { batches: RecordMap[]; end: unknown } {
  const batches: RecordMap[] = [];
  const scanner = new RecordMapScanner((batch) => batches.push(batch), batchChars);
  for (const chunk of chunks) scanner.push(chunk);
  return { batches, end: scanner.end() };
}

const merged = (batches: readonly RecordMap[]): RecordMap => Object.assign({}, ...batches) as RecordMap;

describe('RecordMapScanner', () => {
  const answer = JSON.stringify({ jsonrpc: '2.0', result: records, id: 7 });

  it('hands over every record of a JSON-RPC v2 answer, whatever the chunk boundaries', () => {
    for (let cut = 0; cut <= answer.length; cut++) {
      for (const second of [cut, Math.min(answer.length, cut + 3), Math.min(answer.length, cut + 40)]) {
        const { batches, end } = scan([answer.slice(0, cut), answer.slice(cut, second), answer.slice(second)], 1);
        expect(end).toBeNull();
        expect(merged(batches), `cut at ${cut} and ${second}`).toEqual(records);
      }
    }
  });

  it('splits a big map into several batches at entry boundaries', () => {
    const many: RecordMap = {};
    for (let i = 0; i < 200; i++) many[`OpaqueRef:${i}`] = { name_label: `vm ${i}`, other_config: { i: String(i) } };
    const text = JSON.stringify({ result: many, error: null, id: 1 });
    const chunks = text.match(/[\s\S]{1,97}/g)!;
    const { batches } = scan(chunks, 500);
    expect(batches.length).toBeGreaterThan(5);
    expect(merged(batches)).toEqual(many);
    // Every record arrives once, in a batch of its own or with others: none is split or repeated.
    expect(batches.reduce((sum, batch) => sum + Object.keys(batch).length, 0)).toBe(200);
  });

  it('streams a v1 answer whose result comes after other keys, and an empty map', () => {
    expect(merged(scan([JSON.stringify({ id: 1, error: null, result: records })]).batches)).toEqual(records);
    const empty = scan(['{"jsonrpc":"2.0","result":{},"id":1}']);
    expect(empty).toEqual({ batches: [], end: null });
  });

  it('keeps an error answer whole and returns it parsed', () => {
    const error = { jsonrpc: '2.0', error: { code: 1, message: 'SESSION_INVALID', data: ['OpaqueRef:s'] }, id: 3 };
    const text = JSON.stringify(error);
    const { batches, end } = scan([text.slice(0, 10), text.slice(10)]);
    expect(batches).toEqual([]);
    expect(end).toEqual(error);
  });

  it('returns a result that is not a map parsed whole', () => {
    expect(scan(['{"result":null,"error":["HANDLE_INVALID","VM","x"],"id":1}'])).toEqual({ batches: [], end: { result: null, error: ['HANDLE_INVALID', 'VM', 'x'], id: 1 } });
    expect(scan(['{"jsonrpc":"2.0","result":"OpaqueRef:x","id":1}']).end).toEqual({ jsonrpc: '2.0', result: 'OpaqueRef:x', id: 1 });
  });

  it('refuses an answer cut in the middle of its records', () => {
    const scanner = new RecordMapScanner(() => {});
    scanner.push(answer.slice(0, answer.indexOf('OpaqueRef:b')));
    expect(() => scanner.end()).toThrow(/ended in the middle/);
  });
});
