import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';
import { probeCertificate } from '../trust/certificate-info.js';

/** What `npm run demo` hands the server about the simulated pool it started (XENITH_DEMO_POOL). */
const demoPoolSchema = z.object({
  address: z.string(),
  user: z.string(),
  password: z.string(),
  hosts: z.array(z.object({ address: z.string(), port: z.number().int(), fingerprint: z.string() })),
});
export type DemoPoolSpec = z.infer<typeof demoPoolSchema>;

/**
 * Connects the demo pool without the trust dialog: the fingerprints come from the simulator process the demo
 * script itself started, and each host must still present exactly that certificate before it is pinned.
 */
export async function connectDemoPool(server: XenithServer, json: string, logger: Logger): Promise<void> {
  const spec = demoPoolSchema.parse(JSON.parse(json));
  for (const host of spec.hosts) {
    const presented = await probeCertificate(host.address, host.port);
    if (presented.fingerprint !== host.fingerprint) throw new Error(`The demo host ${host.address} presented an unexpected certificate.`);
    server.internals.pins.set(host.address, host.port, { fingerprint: presented.fingerprint, pem: presented.pem });
  }
  const result = await server.dispatch('pool.add', { address: spec.address, user: spec.user, password: spec.password, label: 'Demo pool (simulated)', save: false }, { clientId: 'demo' });
  if (!result.ok) throw new Error(`The demo pool did not connect: ${result.error.message} (${result.error.code})`);
  logger.info('demo pool connected', { address: spec.address });
}
