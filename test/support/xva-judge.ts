import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** GNU tar's flag for an XVA's compression. */
const tarFlag = { none: [], gzip: ['-z'], zstd: ['--zstd'] } as const;

/**
 * Judges an XVA with GNU tar and xxhsum alone (no Xenith code): ova.xml first, every chunk followed by its .xxhash,
 * each digest right. Returns how many chunks it checked.
 */
export async function judgeXvaWithTools(file: string, compression: keyof typeof tarFlag): Promise<number> {
  const listed = execFileSync('tar', [...tarFlag[compression], '-tf', file], { encoding: 'utf8' }).trim().split('\n');
  expect(listed[0]).toBe('ova.xml');
  const chunks = listed.filter((name) => /^Ref:\d+\/\d{8}$/.test(name));
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) expect(listed).toContain(`${chunk}.xxhash`);
  const out = await mkdtemp(join(tmpdir(), 'xva-judge-'));
  try {
    execFileSync('tar', [...tarFlag[compression], '-xf', file, '-C', out]);
    for (const chunk of chunks) {
      const computed = execFileSync('xxhsum', ['-H64', join(out, chunk)], { encoding: 'utf8' }).split(/\s/)[0]!;
      const written = (await readFile(join(out, `${chunk}.xxhash`), 'utf8')).trim();
      expect(written.toLowerCase()).toBe(computed.toLowerCase());
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return chunks.length;
}
