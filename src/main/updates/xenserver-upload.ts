import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { request } from 'undici';
import type { Xapi } from 'xen-api';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import { JobCancelledError } from '../jobs/job-cancelled.js';
import type { JobControl } from '../jobs/job-registry.js';
import { refsInTaskResult, type JobXapi } from '../jobs/job-xapi.js';
import { TransferMeter } from '../transfer/transfer-meter.js';
import { webDispatcher } from './web-download.js';
import { readZipStream, type ZipStreamEntry } from './zip-entry-stream.js';

/** The file of an update zip that is the update (XenServer ships an .iso; older ones an .xsupdate). */
const updateFile = /\.(iso|xsupdate)$/i;

/** Counts what goes through for the task panel, without holding anything back. */
class ByteCounter extends Transform {
  constructor(private readonly count: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count(chunk.length);
    callback(null, chunk);
  }
}

/**
 * The SR the update's VDI goes on: the one asked for, else the pool's default when every host sees it (pool_apply
 * reads it from each host), else a shared SR with room, else the default anyway (XAPI then says what is wrong).
 */
export function updateSrFor(mirror: ObjectMirror, poolId: string, size: number, srId: string | null): string {
  if (srId) return srId;
  const [pool] = mirror.ofType('pool', poolId);
  const fits = (sr: XapiRecord<'SR'>): boolean => sr.shared && sr.content_type !== 'iso' && sr.physical_size - sr.physical_utilisation >= size;
  const defaultSr = pool ? mirror.get(pool.default_SR, 'SR') : undefined;
  if (defaultSr && fits(defaultSr)) return defaultSr.$id;
  const shared = [...mirror.ofType('SR', poolId)].find(fits);
  if (shared) return shared.$id;
  if (defaultSr) return defaultSr.$id;
  throw new ApiFailure('SR_NOT_FOUND', 'The pool has no storage repository to upload the update to. Add a shared SR or set a default SR.');
}

/** Opens the download; the body streams with backpressure (nothing is buffered beyond what the reader asks for). */
async function download(url: string, signal: AbortSignal): Promise<{ body: Readable; length: number | null }> {
  let response;
  try {
    response = await request(url, { method: 'GET', signal, dispatcher: webDispatcher });
  } catch (error) {
    if (signal.aborted) throw new JobCancelledError();
    throw new ApiFailure('UPDATE_DOWNLOAD_FAILED', `Could not download the update from ${url}: ${(error as Error).message}`, { params: [url] });
  }
  if (response.statusCode !== 200) {
    response.body.resume();
    throw new ApiFailure('UPDATE_DOWNLOAD_FAILED', `The update download at ${url} answered HTTP ${response.statusCode}.`, { params: [url, String(response.statusCode)] });
  }
  const length = Number(response.headers['content-length']);
  return { body: response.body, length: Number.isFinite(length) ? length : null };
}

export interface UploadRequest {
  poolId: string;
  /** The zip (from the catalogue) to download. */
  url: string;
  /** A readable name for the VDI and the job. */
  name: string;
  srId: string | null;
}

/**
 * XenServer ≤ 8.3's update upload as one stream, with no file anywhere: the zip is downloaded, the update file
 * inside it is inflated as it arrives and written straight into a new VDI through `/import_raw_vdi`, each stage
 * pulling from the one before (backpressure end to end, so memory stays flat whatever the size). Then
 * `pool_update.introduce` reads the VDI. Returns the pool_update ref. The VDI is destroyed if anything fails or
 * the job is cancelled; an update the pool already has (UPDATE_ALREADY_EXISTS) is reused.
 */
export async function uploadXenServerUpdate(
  deps: { mirror: ObjectMirror; client: () => Xapi },
  xapi: JobXapi,
  job: JobControl,
  upload: UploadRequest,
): Promise<string> {
  const abort = new AbortController();
  const stopCancel = job.onCancel(() => abort.abort());
  const meter = new TransferMeter('streaming');
  let vdi: string | null = null;
  let entries: AsyncGenerator<ZipStreamEntry> | null = null;
  try {
    const { body } = await download(upload.url, abort.signal);
    entries = readZipStream(body);
    // Entries are taken one by one (a `for await … break` would close the archive, and the download with it).
    let entry: ZipStreamEntry | null = null;
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      if (updateFile.test(next.value.name)) {
        entry = next.value;
        break;
      }
      next.value.body.destroy();
    }
    if (!entry) throw new ApiFailure('INVALID_UPDATE', `The download from ${upload.url} holds no .iso or .xsupdate update.`, { params: [upload.url] });
    job.throwIfCancelled();
    meter.setTotal(entry.size);
    const sr = updateSrFor(deps.mirror, upload.poolId, entry.size, upload.srId);
    vdi = await xapi.taskRef('VDI.create', [{
      name_label: `[Xenith] Update ${upload.name}`, name_description: 'An update being uploaded by Xenith; pool_clean removes it.', SR: sr,
      virtual_size: Math.ceil(Math.max(entry.size, 512) / 512) * 512, type: 'user', sharable: false, read_only: false, other_config: {}, xenstore_data: {}, sm_config: {}, tags: [],
    }], [0, 0.02]);
    const client = deps.client();
    const task = await client.call<string>('task.create', `Uploading update ${upload.name}`, '');
    job.setTaskRefs([task]);
    const stopTaskCancel = job.onCancel(() => void client.call('task.cancel', task).catch(() => {}));
    try {
      const counted = entry.body.pipe(new ByteCounter((bytes) => {
        meter.add(bytes);
        meter.setFraction(meter.bytes / Math.max(1, entry!.size));
        job.setProgress(0.02 + 0.93 * meter.fraction);
        job.setTransfer(meter.snapshot());
      }));
      entry.body.once('error', (error) => counted.destroy(error));
      // putResource sends the known length (no chunked upload, which XAPI refuses) and waits for the task.
      Object.assign(counted, { length: entry.size });
      await client.putResource(counted, '/import_raw_vdi/', { query: { vdi, format: 'raw' }, task });
    } finally {
      stopTaskCancel();
      job.setTaskRefs([]);
      void client.call('task.destroy', task).catch(() => {});
    }
    job.setTransfer({ ...meter.snapshot(), etaSeconds: 0 });
    job.throwIfCancelled();
    try {
      const update = refsInTaskResult(await xapi.task('pool_update.introduce', [vdi], [0.95, 1]))[0];
      if (!update) throw new ApiFailure('INVALID_UPDATE', 'pool_update.introduce returned no update.');
      vdi = null; // the pool_update owns it now (pool_clean removes it)
      return update;
    } catch (error) {
      const existing = (error as { code?: unknown; params?: unknown }).code === 'UPDATE_ALREADY_EXISTS' ? String((error as { params: unknown[] }).params[0] ?? '') : '';
      const known = existing ? [...deps.mirror.ofType('pool_update', upload.poolId)].find((u) => u.uuid === existing) : undefined;
      if (!known) throw error;
      return known.$id;
    }
  } catch (error) {
    if (abort.signal.aborted && !(error instanceof JobCancelledError)) throw new JobCancelledError();
    throw error;
  } finally {
    stopCancel();
    await entries?.return(undefined).catch(() => {});
    if (vdi) await xapi.call('VDI.destroy', vdi).catch(() => {});
  }
}
