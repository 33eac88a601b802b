import { describe, expect, it } from 'vitest';
import { ipFormProblems, ipSettingsOf } from './ip-settings.js';

describe('interface IP settings', () => {
  it('checks a static address field by field and sends the DNS servers as a list', () => {
    const form = { mode: 'Static' as const, ip: '10.0.0.300', netmask: '255.255.255.0', gateway: 'x', dns: '1.1.1.1, 9.9.9.9' };
    expect(ipFormProblems(form)).toEqual({ ip: 'Enter an IPv4 address', gateway: 'Enter an IPv4 address, or nothing' });
    expect(ipSettingsOf({ ...form, ip: '10.0.0.3', gateway: '' })).toEqual({ mode: 'Static', ip: '10.0.0.3', netmask: '255.255.255.0', gateway: '', dns: ['1.1.1.1', '9.9.9.9'] });
    expect(ipFormProblems({ ...form, mode: 'DHCP' })).toEqual({});
    expect(ipSettingsOf({ ...form, mode: 'None' })).toEqual({ mode: 'None' });
  });
});
