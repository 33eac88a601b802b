import xxhash, { type XXHashAPI } from 'xxhash-wasm';

/**
 * XXH64, the checksum XAPI writes after every 1 MiB chunk of an XVA (`Ref:N/00000042.xxhash`, 16 uppercase hex
 * digits). It comes from xxhash-wasm (a pure WebAssembly build, no install script, no dependency): several GB/s,
 * where XXH64 in JavaScript's BigInt arithmetic would be the slowest part of every export. Loaded on first use,
 * not with a top-level await, because the desktop shell bundles the server as CommonJS.
 */
let loading: Promise<XXHashAPI> | null = null;

/** The hasher, once loaded. */
export function xxhash64(): Promise<XXHashAPI> {
  loading ??= xxhash();
  return loading;
}

/** A running XXH64 over pieces of one chunk. */
export interface ChunkHasher {
  update(piece: Uint8Array): void;
  /** The digest as XAPI writes it: 16 uppercase hex digits. */
  hex(): string;
}

/** Starts a hash of one chunk (seed 0, as XAPI's). */
export function startXxh64(api: XXHashAPI): ChunkHasher {
  const state = api.create64();
  return {
    update: (piece) => void state.update(piece),
    hex: () => state.digest().toString(16).toUpperCase().padStart(16, '0'),
  };
}
