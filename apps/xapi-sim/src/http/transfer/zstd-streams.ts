/**
 * zstd streams for transfers (xapi exports with `use_compression=zstd` and detects zstd uploads by magic bytes).
 * Node's zlib has zstd from 22.15/23.8 and is used there. On older Node: compression through `@bokuweb/zstd-wasm`
 * (the reference library as WebAssembly; it compresses whole buffers only, so the stream is a sequence of
 * independent frames of FRAME_BYTES each — a zstd stream may be any concatenation of frames, and every decoder,
 * the `zstd` binary included, reads it as one), decompression through `fzstd` (pure JS, streaming). Neither
 * package has an install script. Memory stays bounded: one frame of input is held at a time.
 */
import * as zlib from 'node:zlib';
import { Transform, type TransformCallback } from 'node:stream';
import { compress as wasmCompress, init as wasmInit } from '@bokuweb/zstd-wasm';
import { Decompress } from 'fzstd';

type NativeZstd = { createZstdCompress?: () => Transform; createZstdDecompress?: () => Transform };
const native = zlib as unknown as NativeZstd;

/** Input bytes per frame when compressing with the WebAssembly build. */
export const FRAME_BYTES = 2 * 1024 * 1024;
/** The `zstd` command's default level, which xapi's export uses. */
const LEVEL = 3;

let wasmLoading: Promise<void> | undefined;

/** Resolves when zstd compression is usable (loads the WebAssembly module once, when Node has no native zstd). */
export function zstdReady(): Promise<void> {
  if (native.createZstdCompress) return Promise.resolve();
  wasmLoading ??= wasmInit();
  return wasmLoading;
}

/** Compresses into one zstd frame per FRAME_BYTES of input; needs `await zstdReady()` first. */
class FramedZstdCompress extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private framesOut = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < FRAME_BYTES) {
      done();
      return;
    }
    const all = Buffer.concat(this.pending, this.pendingBytes);
    let at = 0;
    try {
      for (; all.length - at >= FRAME_BYTES; at += FRAME_BYTES) this.frame(all.subarray(at, at + FRAME_BYTES));
    } catch (e) {
      done(e as Error);
      return;
    }
    this.pending = at < all.length ? [all.subarray(at)] : [];
    this.pendingBytes = all.length - at;
    done();
  }

  override _flush(done: TransformCallback): void {
    try {
      // An empty input still yields one (empty) frame, so the output is always a valid zstd stream.
      if (this.pendingBytes > 0 || this.framesOut === 0) this.frame(Buffer.concat(this.pending, this.pendingBytes));
      this.pending = [];
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  private frame(data: Buffer): void {
    const out = wasmCompress(data, LEVEL);
    this.framesOut++;
    this.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  }
}

/** Streaming decompression of any zstd stream (one or many frames); throws on truncated or corrupt input. */
class FzstdDecompress extends Transform {
  private readonly inner = new Decompress((chunk) => {
    if (chunk.length > 0) this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.inner.push(chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.inner.push(new Uint8Array(0), true);
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}

/** A zstd compressing transform (native when Node has it). Call `await zstdReady()` before. */
export function createZstdCompress(): Transform {
  return native.createZstdCompress ? native.createZstdCompress() : new FramedZstdCompress();
}

/** A zstd decompressing transform (native when Node has it). */
export function createZstdDecompress(): Transform {
  return native.createZstdDecompress ? native.createZstdDecompress() : new FzstdDecompress();
}

/** Whether data starts with the zstd frame magic (28 B5 2F FD). */
export function isZstd(head: Uint8Array): boolean {
  return head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;
}
