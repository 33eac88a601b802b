import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(repoRoot, 'scripts/electronegativity.mjs');

/** Runs the scan script; resolves with its exit code and output instead of throwing on a non-zero exit. */
async function scan(input: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--input', input], { cwd: repoRoot });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

describe('scripts/electronegativity.mjs (SECURITY-CRITICAL)', () => {
  const fixtureDir = mkdtempSync(path.join(tmpdir(), 'xenith-electronegativity-'));
  afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));

  it('passes the Electron shell as written', async () => {
    const result = await scan('apps/desktop');
    expect(result.stdout).toContain('0 HIGH');
    expect(result.code).toBe(0);
  });

  it('fails a shell that turns context isolation off (the scan bites)', async () => {
    writeFileSync(
      path.join(fixtureDir, 'main.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export function open(preload: string): BrowserWindow {',
        '  return new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true, preload } });',
        '}',
      ].join('\n'),
    );
    const result = await scan(fixtureDir);
    expect(result.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK main\.ts:3/);
    expect(result.code).toBe(1);
  });
});
