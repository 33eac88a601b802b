import { snapshotScreenshotBlobName } from '../../shared/api/methods/snapshots.js';
import { readBlob } from '../transfer/xapi-blob.js';
import { callNow } from './action-context.js';
import { findSnapshot, type SnapshotDeps } from './snapshot-context.js';

/** The largest screenshot sent to a client (a PNG of a text console is tens of kilobytes). */
const maxThumbnailBytes = 2 * 1024 * 1024;

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const jpegSignature = Buffer.from([0xff, 0xd8, 0xff]);

export interface Thumbnail {
  mimeType: 'image/png' | 'image/jpeg';
  base64: string;
}

/**
 * snapshot.thumbnail: the console screenshot blob of a snapshot (a PNG from Xenith, a JPEG from XenCenter), as
 * base64; null when it has none, or when the blob holds something that is neither (it is never sent on as an image).
 */
export async function snapshotThumbnail(deps: SnapshotDeps, snapshotId: string): Promise<Thumbnail | null> {
  const snapshot = findSnapshot(deps, snapshotId);
  const blobs = (snapshot.blobs ?? {}) as Record<string, string>;
  const blob = blobs[snapshotScreenshotBlobName];
  if (typeof blob !== 'string') return null;
  const data = await callNow(deps, snapshot.$pool, (client) => readBlob(client, blob, maxThumbnailBytes));
  if (!data) return null;
  const mimeType = data.subarray(0, 4).equals(pngSignature) ? 'image/png' : data.subarray(0, 3).equals(jpegSignature) ? 'image/jpeg' : null;
  return mimeType ? { mimeType, base64: data.toString('base64') } : null;
}
