import { describe, expect, it } from 'vitest';
import { freshAlertIds, newAlertSlackMs, shouldNotify } from './alert-notifications.js';

describe('alert notifications', () => {
  it('are off by default and follow the chosen severity', () => {
    expect(shouldNotify('off', 'critical')).toBe(false);
    expect(shouldNotify('critical', 'critical')).toBe(true);
    expect(shouldNotify('critical', 'warning')).toBe(false);
    expect(shouldNotify('warning', 'warning')).toBe(true);
    expect(shouldNotify('warning', 'information')).toBe(false);
    expect(shouldNotify('information', 'information')).toBe(true);
  });

  it('notify each new alert once, never the ones the pool already had', () => {
    const opened = 1_000_000_000;
    const times: Record<string, number> = { old: opened - newAlertSlackMs - 1, recent: opened - 1000, later: opened + 5000 };
    const seen = new Set<string>();
    expect(freshAlertIds(['old', 'recent'], seen, (id) => times[id]!, opened)).toEqual(['recent']);
    expect(freshAlertIds(['old', 'recent', 'later'], seen, (id) => times[id]!, opened)).toEqual(['later']);
  });
});
