/**
 * XXH64 (seed 0) through the `xxhash-wasm` package: a pure WebAssembly build, several GB/s, no install script.
 * Initialised once per process; `xxh64Hex` needs `await xxhashReady()` to have resolved first.
 */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';

let api: XXHashAPI | undefined;
const loading: Promise<XXHashAPI> = xxhash().then((a) => (api = a));

/** Resolves when the hasher is usable (a few milliseconds after the module loads). */
export function xxhashReady(): Promise<void> {
  return loading.then(() => undefined);
}

/** XXH64 of `data` as 16 uppercase hex digits, as xapi writes `.xxhash` files (`%016LX`). */
export function xxh64Hex(data: Uint8Array): string {
  if (!api) throw new Error('xxhash not initialised: await xxhashReady() first');
  return api.h64Raw(data).toString(16).toUpperCase().padStart(16, '0');
}

/** XXH64 of `data` as a bigint. */
export function xxh64(data: Uint8Array): bigint {
  if (!api) throw new Error('xxhash not initialised: await xxhashReady() first');
  return api.h64Raw(data);
}
