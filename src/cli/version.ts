import { readFileSync } from 'node:fs';

declare const XENITH_VERSION: string | undefined;

/** The version baked in by the build, or read from package.json when running from source. */
export function cliVersion(): string {
  if (typeof XENITH_VERSION === 'string') return XENITH_VERSION;
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
