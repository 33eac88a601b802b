import { createHash } from 'node:crypto';
import { describeMethods } from '../../shared/api/introspection.js';
import type { PartialImplementation } from './implementation.js';

/** system.methods and system.version: the contract as data, for any client to discover. */
export function createSystemApi(version: string): PartialImplementation<'system.methods' | 'system.version'> {
  let digest: string | null = null;
  return {
    'system.methods': async () => [...describeMethods()],
    'system.version': async () => {
      const described = describeMethods();
      digest ??= createHash('sha256').update(JSON.stringify(described)).digest('hex');
      return { version, contractDigest: digest, methods: described.length };
    },
  };
}
