import { describe, expect, it } from 'vitest';
import { checkSender } from './sender-check.js';

describe('checkSender (SECURITY-CRITICAL)', () => {
  const trustedFacts = { frameUrl: 'app://xenith/index.html', isMainFrame: true, fromAppWindow: true };

  it('trusts the main frame of an app window showing the app origin', () => {
    expect(checkSender(trustedFacts)).toEqual({ trusted: true });
    expect(checkSender({ ...trustedFacts, frameUrl: 'app://xenith/' })).toEqual({ trusted: true });
  });

  it('refuses a frame that is gone', () => {
    expect(checkSender({ ...trustedFacts, frameUrl: null })).toMatchObject({ trusted: false, reason: /gone/ });
  });

  it('refuses a subframe even at the app origin', () => {
    expect(checkSender({ ...trustedFacts, isMainFrame: false })).toMatchObject({ trusted: false, reason: /subframe/ });
  });

  it('refuses webContents the app did not create', () => {
    expect(checkSender({ ...trustedFacts, fromAppWindow: false })).toMatchObject({
      trusted: false,
      reason: /Xenith window/,
    });
  });

  it.each([
    'https://xenith/index.html',
    'app://xenith.evil.com/index.html',
    'app://evil/index.html',
    'file:///app/dist/renderer/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses a main frame at %s', (frameUrl) => {
    expect(checkSender({ ...trustedFacts, frameUrl })).toMatchObject({ trusted: false, reason: /app origin/ });
  });
});
