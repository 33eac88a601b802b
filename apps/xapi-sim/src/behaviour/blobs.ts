/**
 * Blobs (ocaml/xapi/xapi_blob.ml): `blob.create`, `<Class>.create_new_blob` (the blob goes in the object's `blobs`
 * map under its name), `blob.destroy` (dropped from every map that names it), and the contents the `/blob` HTTP
 * handler reads and writes. Contents live in memory, per pool; a blob that was never written has none (GET: 404).
 */
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';

/** Classes with a `blobs` map and a `create_new_blob` message. */
export const BLOB_OWNER_CLASSES = ['VM', 'host', 'pool', 'SR', 'network'] as const;

/** The largest blob the simulator keeps (xapi has no limit; a simulated pool lives in memory). */
export const MAX_BLOB_BYTES = 8 * 1024 * 1024;

const contents = new WeakMap<Engine, Map<string, Buffer>>();

/** The pool's blob contents by blob ref. */
export function blobContents(engine: Engine): Map<string, Buffer> {
  let map = contents.get(engine);
  if (!map) contents.set(engine, (map = new Map()));
  return map;
}

/** A new, empty blob record (xapi: size 0, last_updated never, octet-stream when no type is given). */
export function createBlob(engine: Engine, mimeType: string, isPublic: boolean): string {
  return engine.store.create('blob', { mime_type: mimeType || 'application/octet-stream', public: isPublic, size: 0, last_updated: new Date(0), name_label: '', name_description: '' });
}

/** Stores a blob's contents (the HTTP PUT): size and last_updated follow. */
export function writeBlob(engine: Engine, blobRef: string, data: Buffer): void {
  blobContents(engine).set(blobRef, data);
  engine.store.update('blob', blobRef, { size: data.length, last_updated: new Date() });
}

/** Destroys a blob: its contents, its record, and its entry in every object's `blobs` map. */
export function destroyBlob(engine: Engine, blobRef: string): void {
  const { store } = engine;
  for (const cls of BLOB_OWNER_CLASSES) {
    for (const row of store.rows(cls)) {
      const blobs = row.record.blobs as Record<string, string> | undefined;
      if (!blobs || !Object.values(blobs).includes(blobRef)) continue;
      store.update(cls, row.ref, { blobs: Object.fromEntries(Object.entries(blobs).filter(([, ref]) => ref !== blobRef)) });
    }
  }
  blobContents(engine).delete(blobRef);
  if (store.has('blob', blobRef)) store.destroy('blob', blobRef);
}

/** Destroys the blobs an object holds (its snapshot screenshot, say) when the object goes. */
export function destroyBlobsOf(engine: Engine, cls: string, ref: string): void {
  const blobs = engine.store.row(cls, ref)?.record.blobs as Record<string, string> | undefined;
  for (const blobRef of Object.values(blobs ?? {})) destroyBlob(engine, blobRef);
}

export function registerBlobs(engine: Engine): void {
  const r = engine.registry;
  r.implement('blob', 'create', ({ engine: e }, [mimeType, isPublic]) => createBlob(e, String(mimeType ?? ''), isPublic === true));
  r.implement('blob', 'destroy', ({ engine: e }, [self]) => {
    e.store.get('blob', String(self));
    destroyBlob(e, String(self));
    return '';
  });
  for (const cls of BLOB_OWNER_CLASSES) {
    r.implement(cls, 'create_new_blob', ({ engine: e }, [self, name, mimeType, isPublic]) => {
      const owner = e.store.get(cls, String(self));
      const blobs = (owner.blobs ?? {}) as Record<string, string>;
      if (Object.hasOwn(blobs, String(name))) fail('MAP_DUPLICATE_KEY', cls, 'blobs', String(owner.uuid ?? ''), String(name));
      const blob = createBlob(e, String(mimeType ?? ''), isPublic === true);
      e.store.update(cls, String(self), { blobs: { ...blobs, [String(name)]: blob } });
      return blob;
    });
  }
}
