import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAppUrl } from './app-origin.js';
import {
  contentSecurityPolicy,
  externalUrlToOpen,
  isAllowedNavigation,
  isPermissionGranted,
  withContentSecurityPolicy,
} from './security-policy.js';

describe('content security policy (SECURITY-CRITICAL)', () => {
  const directive = (name: string) =>
    contentSecurityPolicy
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));

  it('allows scripts only from the app itself', () => {
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*\.|'strict-dynamic'/);
  });

  it('connects only to the app and the loopback console proxy', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:*");
  });

  it('forbids plugins, framing, base-uri tricks and form posts', () => {
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('frame-src')).toBe("frame-src 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
    expect(directive('form-action')).toBe("form-action 'none'");
  });

  it('allows images only from the app, data: and blob:', () => {
    expect(directive('img-src')).toBe("img-src 'self' data: blob:");
  });

  it('names each directive once (a repeated directive is ignored by browsers)', () => {
    const names = contentSecurityPolicy.split(';').map((part) => part.trim().split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(12);
  });

  it('replaces any CSP a response brought, whatever its spelling, and keeps other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'CONTENT-SECURITY-POLICY': ["script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });
});

describe('navigation allow-list (SECURITY-CRITICAL)', () => {
  it('allows the app origin only', () => {
    expect(isAllowedNavigation(appEntryUrl)).toBe(true);
    expect(isAllowedNavigation('app://xenith/#/pools')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://user:pw@xenith/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('does not rely on URL.origin, which is "null" for custom schemes in Node', () => {
    expect(new URL(appEntryUrl).origin).toBe('null');
    expect(isAppUrl('app://xenith')).toBe(true);
  });
});

describe('openExternal allow-list (SECURITY-CRITICAL)', () => {
  it('opens parsed https URLs, normalised', () => {
    expect(externalUrlToOpen('https://xcp-ng.org/docs/')).toBe('https://xcp-ng.org/docs/');
    expect(externalUrlToOpen('HTTPS://XCP-NG.org')).toBe('https://xcp-ng.org/');
  });

  it.each([
    'http://xcp-ng.org/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'https://user:secret@xcp-ng.org/',
    'app://xenith/index.html',
    ' https:// ',
    'xcp-ng.org',
  ])('refuses %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});

describe('permissions (SECURITY-CRITICAL)', () => {
  it.each(['media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'unknown', 'Notifications'])(
    'denies %s',
    (permission) => {
      expect(isPermissionGranted(permission)).toBe(false);
    },
  );

  it('grants notifications only (alert notifications the person turned on)', () => {
    expect(isPermissionGranted('notifications')).toBe(true);
  });
});
