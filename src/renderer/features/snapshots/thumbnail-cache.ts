import { useEffect, useState } from 'react';
import type { Bridge } from '../../bridge/bridge.js';

/** Screenshots kept in memory (the newest used); scrolling back to a snapshot shows its thumbnail at once. */
const keep = 300;
const cache = new Map<string, Promise<string | null>>();

/**
 * A snapshot's console screenshot as a data: URL (null when it has none), fetched once per snapshot and blob (a
 * new blob under the same snapshot is a new picture). A failed fetch is not kept, so it is tried again later.
 */
export function loadThumbnail(bridge: Bridge, snapshotId: string, blobRef: string): Promise<string | null> {
  const key = `${snapshotId}|${blobRef}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const loading = bridge.call('snapshot.thumbnail', { snapshotId }).then((result) => {
    if (!result.ok) {
      cache.delete(key);
      return null;
    }
    const image = result.output.image;
    return image ? `data:${image.mimeType};base64,${image.base64}` : null;
  });
  cache.set(key, loading);
  if (cache.size > keep) cache.delete(cache.keys().next().value!);
  return loading;
}

/** The thumbnail of a snapshot with a screenshot blob (only rows in view ask, so a long list fetches little). */
export function useThumbnail(bridge: Bridge, snapshotId: string, blobRef: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    setSrc(null);
    if (!blobRef) return;
    let current = true;
    void loadThumbnail(bridge, snapshotId, blobRef).then((url) => {
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [bridge, snapshotId, blobRef]);
  return src;
}
