import { describe, expect, it } from 'vitest';
import { formatCertificateDate } from './format-certificate.js';

describe('formatCertificateDate', () => {
  it('formats a parseable date and passes anything else through', () => {
    expect(formatCertificateDate('2035-06-01T12:00:00Z', 'en-GB')).toMatch(/2035/);
    expect(formatCertificateDate('Jun  1 12:00:00 2035 GMT', 'en-GB')).toMatch(/2035/);
    expect(formatCertificateDate('not a date')).toBe('not a date');
  });
});
