import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { missingDisplayReason, resolveElectronBinary } from '../../apps/desktop/launch/electron-binary.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainBundle = path.join(repoRoot, 'dist', 'desktop', 'main.cjs');
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Why the desktop app cannot be launched here, or null when it can. Never triggers Electron's download. */
function unavailableReason(): string | null {
  const binary = resolveElectronBinary({ electronDir: path.join(repoRoot, 'node_modules', 'electron') });
  if (!binary.available) return binary.reason;
  return missingDisplayReason();
}

test.describe('Electron desktop app', () => {
  const reason = unavailableReason();
  let app: ElectronApplication | undefined;
  let dataDir: string | undefined;

  test.beforeAll(async () => {
    if (reason) return;
    const binary = resolveElectronBinary({ electronDir: path.join(repoRoot, 'node_modules', 'electron') });
    if (!binary.available) return;
    if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run node scripts/build.mjs first`);
    dataDir = mkdtempSync(path.join(tmpdir(), 'xenith-electron-e2e-'));
    // The app is launched as the repository (package.json main = dist/desktop/main.cjs), so Electron takes the
    // app's name and version from package.json, exactly as a packaged build does.
    app = await electron.launch({
      executablePath: binary.path,
      args: [repoRoot],
      cwd: repoRoot,
      env: { ...process.env, XENITH_USER_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the Xenith window showing the version from the embedded server', async () => {
    test.skip(reason !== null, `skipped: Electron binary not available (${reason})`);
    expect(app).toBeDefined();
    const window = await app!.firstWindow();
    await expect(window).toHaveTitle('Xenith');
    expect(window.url()).toBe('app://xenith/index.html');
    await expect(window.locator('body')).toContainText(`Xenith ${version}`);
  });

  test('gives the page the contract API and nothing of Node or Electron', async () => {
    test.skip(reason !== null, `skipped: Electron binary not available (${reason})`);
    const window = await app!.firstWindow();
    const exposed = await window.evaluate(() => {
      const global = globalThis as Record<string, unknown>;
      const api = global['xenith'] as { methods: Record<string, unknown>; shell: string } | undefined;
      return {
        methods: api ? Object.keys(api.methods).sort() : [],
        shell: api?.shell,
        require: typeof global['require'],
        process: typeof global['process'],
        ipcRenderer: api ? 'ipcRenderer' in api || 'invoke' in api : false,
      };
    });
    expect(exposed.shell).toBe('electron');
    expect(exposed.methods).toContain('app.version');
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.ipcRenderer).toBe(false);
  });

  test('keeps the window on the app when the page tries to navigate away', async () => {
    test.skip(reason !== null, `skipped: Electron binary not available (${reason})`);
    const page = await app!.firstWindow();
    const windowCount = await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    await page.evaluate(() => {
      globalThis.location.href = 'https://example.com/';
      globalThis.open('https://example.com/', '_blank');
    });
    await expect.poll(() => page.url()).toBe('app://xenith/index.html');
    await expect(page.locator('body')).toContainText(`Xenith ${version}`);
    expect(await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(windowCount);
  });
});
