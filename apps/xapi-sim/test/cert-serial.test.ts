import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from '#sim/server/self-signed-cert.js';

describe('self-signed certificates', () => {
  it('always encode a valid serial number (many draws, so a 1-in-128 bad serial would show)', () => {
    for (let i = 0; i < 400; i++) {
      const { certPem } = generateSelfSignedCertificate('127.0.0.2');
      const serial = new X509Certificate(certPem).serialNumber;
      expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
  });
});
