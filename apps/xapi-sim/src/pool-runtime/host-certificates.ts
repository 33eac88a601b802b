/**
 * Publishes each host's TLS certificate in the pool database as XAPI does (class Certificate, type "host",
 * fingerprint_sha256), so a client that trusts the master can learn every member's fingerprint.
 */
import { X509Certificate } from 'node:crypto';
import type { Engine } from '../api/engine.js';

export interface PublishedHostCertificate { ref: string; certPem?: string; fingerprint: string }

export function publishHostCertificates(engine: Engine, hosts: Iterable<PublishedHostCertificate>): void {
  const store = engine.store;
  for (const host of hosts) {
    if (!host.certPem || !host.fingerprint) continue;
    const x509 = new X509Certificate(host.certPem);
    const fields = {
      host: host.ref,
      type: 'host',
      name: '',
      fingerprint_sha256: host.fingerprint,
      fingerprint_sha1: x509.fingerprint,
      not_before: new Date(x509.validFrom),
      not_after: new Date(x509.validTo),
    };
    const existing = [...store.rows('Certificate')].find((row) => row.record.host === host.ref && row.record.type === 'host');
    if (existing) store.update('Certificate', existing.ref, fields);
    else store.create('Certificate', fields);
  }
}
