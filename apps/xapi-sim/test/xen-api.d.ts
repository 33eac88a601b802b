/** Minimal typing of the untyped `xen-api` npm client, as the conformance tests use it. */
declare module 'xen-api' {
  export function createClient(opts: Record<string, unknown>): unknown;
}
