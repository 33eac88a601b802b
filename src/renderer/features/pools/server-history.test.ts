import { describe, expect, it } from 'vitest';
import { readServerHistory, rememberServer, serverHistoryKey, serverSuggestions, type HistoryStorage } from './server-history.js';

function memoryStorage(initial?: string): HistoryStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set(serverHistoryKey, initial);
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('server history', () => {
  it('keeps the most recent address first, without duplicates', () => {
    const storage = memoryStorage();
    rememberServer(storage, 'a.example');
    rememberServer(storage, 'b.example:8443');
    rememberServer(storage, ' A.example ');
    expect(readServerHistory(storage)).toEqual(['A.example', 'b.example:8443']);
  });

  it('is bounded', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 30; i++) rememberServer(storage, `h${i}`);
    const history = readServerHistory(storage);
    expect(history).toHaveLength(20);
    expect(history[0]).toBe('h29');
  });

  it('survives damaged or foreign content', () => {
    expect(readServerHistory(memoryStorage('{not json'))).toEqual([]);
    expect(readServerHistory(memoryStorage('{"a":1}'))).toEqual([]);
    expect(readServerHistory(memoryStorage('["ok", 3, ""]'))).toEqual(['ok']);
    expect(readServerHistory(undefined)).toEqual([]);
  });

  it('suggests history first, then known pools, each once', () => {
    expect(serverSuggestions(['b', 'a'], ['A', 'c', ''])).toEqual(['b', 'a', 'c']);
  });
});
