import { describe, expect, it } from 'vitest';
import { SeriesArchive } from './series-archive.js';

describe('SeriesArchive', () => {
  it('keeps the newest rows on a regular grid and reads a range', () => {
    const archive = new SeriesArchive(5, 4);
    for (const t of [100, 105, 110, 115, 120]) {
      archive.advanceTo(t);
      archive.set(t, 'cpu0', t / 1000);
    }
    expect(archive.read(0, 1000)).toEqual({ start: 105, sources: [{ name: 'cpu0', values: [0.105, 0.11, 0.115, 0.12].map((v) => Math.fround(v)) }] });
    expect(archive.read(110, 115)?.sources[0]?.values).toHaveLength(2);
  });

  it('leaves a gap (null) where rows were skipped, and NaN as a gap', () => {
    const archive = new SeriesArchive(5, 10);
    archive.advanceTo(100);
    archive.set(100, 'cpu0', 0.5);
    archive.advanceTo(115);
    archive.set(115, 'cpu0', Number.NaN);
    archive.advanceTo(120);
    archive.set(120, 'cpu0', 0.25);
    expect(archive.read(100, 120)?.sources[0]?.values).toEqual([0.5, null, null, null, 0.25]);
  });

  it('a jump past the whole archive clears it; a source that appears later is empty before', () => {
    const archive = new SeriesArchive(5, 3);
    archive.advanceTo(100);
    archive.set(100, 'a', 1);
    archive.advanceTo(200);
    archive.set(200, 'b', 2);
    const read = archive.read(0, 1000)!;
    expect(read.start).toBe(190);
    expect(read.sources).toEqual([{ name: 'a', values: [null, null, null] }, { name: 'b', values: [null, null, 2] }]);
  });
});
