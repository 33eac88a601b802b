import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveRendererFile } from './protocol-paths.js';

const root = path.resolve('/srv/xenith/dist/renderer');

describe('resolveRendererFile (SECURITY-CRITICAL)', () => {
  it('serves index.html for the root and files under the bundle', () => {
    expect(resolveRendererFile(root, 'app://xenith/')).toEqual({
      ok: true,
      filePath: path.join(root, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile(root, 'app://xenith/assets/index-abc123.js?v=1#x')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'index-abc123.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile(root, 'app://xenith/assets/my%20font.woff2')).toMatchObject({
      ok: true,
      filePath: path.join(root, 'assets', 'my font.woff2'),
    });
  });

  it.each([
    // The URL parser already folds these `..` segments (as Chromium does), so they land inside the bundle.
    ['app://xenith/../../etc/passwd', path.join(root, 'etc', 'passwd')],
    ['app://xenith/%2e%2e/%2e%2e/etc/passwd', path.join(root, 'etc', 'passwd')],
    ['app://xenith/assets/%2E%2E/%2E%2E/secret', path.join(root, 'secret')],
  ])('keeps %s inside the bundle', (url, expected) => {
    expect(resolveRendererFile(root, url)).toMatchObject({ ok: true, filePath: expected });
  });

  it.each([
    'app://xenith/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://xenith/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://xenith/.env',
    'app://xenith/assets/.git/config',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    'app://xenith/..%5c..%5cwindows%5csystem.ini',
    'app://xenith/index.html%00.png',
    'app://xenith/%E0%A4%A',
  ])('refuses malformed or dangerous characters in %s', (url) => {
    expect(resolveRendererFile(root, url)).toMatchObject({ ok: false, status: 400 });
  });

  it.each(['app://other/index.html', 'https://xenith/index.html', 'file:///srv/xenith/dist/renderer/index.html'])(
    'refuses a foreign origin %s',
    (url) => {
      expect(resolveRendererFile(root, url)).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('never resolves outside the root, whatever the URL', () => {
    const tricky = ['app://xenith//etc/passwd', 'app://xenith/a/b/../../../x', 'app://xenith/%2F%2Fetc/passwd'];
    for (const url of tricky) {
      const result = resolveRendererFile(root, url);
      if (result.ok) expect(result.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.JS', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['module.wasm', 'application/wasm'],
    ['unknown.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});
