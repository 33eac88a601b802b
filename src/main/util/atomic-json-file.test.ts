import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicJsonWriter } from './atomic-json-file.js';

describe('AtomicJsonWriter', () => {
  it('applies concurrent saves in order and leaves no temp files behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xenith-atomic-'));
    const writer = new AtomicJsonWriter(join(dir, 'pools.json'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => writer.write({ save: i })));
    expect(JSON.parse(readFileSync(join(dir, 'pools.json'), 'utf8'))).toEqual({ save: 19 });
    expect(readdirSync(dir)).toEqual(['pools.json']);
  });
});
