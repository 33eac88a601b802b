/**
 * XXH64 (seed 0) through the `xxhash-wasm` package: a pure WebAssembly build, several GB/s, no install script.
 * Loaded with a top-level await, so the hasher is ready before any module that imports this one runs: a digest
 * asked for early (a test comparing disks before any transfer) can never find it uninitialised.
 */
import xxhash from 'xxhash-wasm';

const api = await xxhash();

/** Resolves at once: kept for callers written when the hasher loaded in the background. */
export function xxhashReady(): Promise<void> {
  return Promise.resolve();
}

/** XXH64 of `data` as 16 uppercase hex digits, as xapi writes `.xxhash` files (`%016LX`). */
export function xxh64Hex(data: Uint8Array): string {
  return api.h64Raw(data).toString(16).toUpperCase().padStart(16, '0');
}

/** XXH64 of `data` as a bigint. */
export function xxh64(data: Uint8Array): bigint {
  return api.h64Raw(data);
}
