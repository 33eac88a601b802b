import type { Readable } from 'node:stream';
import type { Xapi } from 'xen-api';

/** Blobs Xenith reads back whole (snapshot screenshots); a bigger one is not read. */
export const maxBlobReadBytes = 8 * 1024 * 1024;

/**
 * Writes a blob's contents: `PUT /blob?ref=…` through the pool's connected, certificate-pinned client (the body is
 * a Buffer, so it goes with its Content-Length, which XAPI requires).
 */
export async function writeBlob(client: Xapi, blobRef: string, data: Buffer): Promise<void> {
  await client.putResource(data, '/blob', { query: { ref: blobRef } });
}

/** Reads a blob's contents (`GET /blob?ref=…`); null when the pool has none for it (never written: 404). */
export async function readBlob(client: Xapi, blobRef: string, maxBytes = maxBlobReadBytes): Promise<Buffer | null> {
  let response: { body: Readable };
  try {
    response = (await client.getResource('/blob', { query: { ref: blobRef } })) as { body: Readable };
  } catch (error) {
    const refused = (error as { response?: { statusCode?: number; body?: Readable } }).response;
    refused?.body?.destroy();
    if (refused?.statusCode === 404) return null;
    throw error;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      throw new Error(`The blob is larger than ${maxBytes} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
