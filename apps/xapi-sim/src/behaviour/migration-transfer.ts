/**
 * The source's transfers to the destination pool during a cross-pool migration, each an HTTPS PUT to the destination
 * host tied to a remote task that tells how it ended: a disk (a VDI created there with VDI.create, its content sent
 * as a sparse VHD to /import_raw_vdi, paced over the data phase), the VM's metadata (/import_metadata, the disks and
 * networks named in `other_config.maps_to` as xapi's inter_pool_metadata_transfer does) and the memory image
 * (/services/xenops/memory/<uuid>, after which the domain runs there).
 */
import type { Readable } from 'node:stream';
import type { CallContext } from '../api/call-context.js';
import { disksFor } from '../disk/disks-for-engine.js';
import { XapiError } from '../model/xapi-error.js';
import type { RemotePool, RemoteTaskOutcome } from '../remote/remote-pool.js';
import { createVhdStream, vhdStreamLength } from '../vhd/vhd-writer.js';
import { buildOvaExport } from '../xva/ova-export.js';
import { TAR_END, tarHeader, tarPadding } from '../xva/tar.js';
import { MAPS_TO } from '../xva/vm-import.js';
import type { MigrationClock } from './migration-clock.js';
import type { DiskMove, MigrationPlan } from './migration-plan.js';

export interface CrossPoolLink {
  ctx: CallContext;
  plan: MigrationPlan;
  remote: RemotePool;
  /** `scheme://address:port` of the destination host (from the token's xenops URL). */
  hostBase: string;
}

/** Errors of a remote upload task that only say the stream broke (the source reports the transfer failure). */
const TRANSPORT_ERRORS = new Set(['VDI_IO_ERROR', 'IMPORT_ERROR_PREMATURE_EOF', 'CLIENT_ERROR', 'TASK_CANCELLED']);
/** How long a remote task may take to settle after its upload ended. */
const SETTLE_MS = 10_000;

interface UploadResult { outcome?: RemoteTaskOutcome; transportError?: unknown }

/** PUTs `body` to `path` on the destination host with a fresh remote task; waits for that task; destroys it. */
async function remoteUpload(link: CrossPoolLink, label: string, path: string, query: Record<string, string>, body: Readable | Buffer, length: number): Promise<UploadResult> {
  const { remote } = link;
  const task = await remote.createTask(label);
  try {
    const url = new URL(path, link.hostBase);
    for (const [k, v] of Object.entries({ ...query, session_id: remote.session, task_id: task })) url.searchParams.set(k, v);
    let transportError: unknown;
    await remote.upload(url, body, length).done.catch((e: unknown) => {
      transportError = e;
    });
    const deadline = Date.now() + SETTLE_MS;
    const outcome = await remote.waitTask(task, () => Date.now() > deadline);
    return { ...(outcome ? { outcome } : {}), ...(transportError !== undefined ? { transportError } : {}) };
  } finally {
    await remote.bestEffort('task.destroy', task);
  }
}

const isCancel = (e: unknown): e is XapiError => e instanceof XapiError && e.code === 'TASK_CANCELLED';

/** The remote task's own error, when it is more than "the stream broke". */
function remoteError(r: UploadResult): XapiError | undefined {
  const info = r.outcome?.status === 'failure' ? r.outcome.errorInfo : undefined;
  return info && info[0] && !TRANSPORT_ERRORS.has(info[0]) ? new XapiError(info[0], info.slice(1)) : undefined;
}

/**
 * Copies one disk: a VDI like it on `move.destSr`, then its content, paced over `ms` with progress `from` → `to`.
 * `created` gets the remote VDI as soon as it exists (the caller removes it on failure). Returns the remote VDI.
 */
export async function copyDiskToRemote(link: CrossPoolLink, clock: MigrationClock, move: DiskMove, ms: number, from: number, to: number, created: string[]): Promise<string> {
  const { engine } = link.ctx;
  const vdi = engine.store.get('VDI', move.vdi);
  const remoteVdi = String(await link.remote.call('VDI.create', {
    name_label: vdi.name_label, name_description: vdi.name_description, SR: move.destSr, virtual_size: vdi.virtual_size, type: vdi.type,
    sharable: vdi.sharable, read_only: vdi.read_only, other_config: vdi.other_config, xenstore_data: vdi.xenstore_data, tags: vdi.tags,
  }));
  created.push(remoteVdi);
  const source = { store: disksFor(engine), vdi: move.vdi, uuid: String(vdi.uuid), checkAbort: () => clock.cancelled() };
  const length = vhdStreamLength(source);
  const vhd = createVhdStream(source);
  const paced = clock.pacer(length, ms, from, to);
  vhd.on('error', (e) => paced.destroy(e));
  vhd.pipe(paced);
  const result = await remoteUpload(link, `Copy of VDI ${String(vdi.uuid)}`, '/import_raw_vdi', { vdi: remoteVdi, format: 'vhd' }, paced, length);
  vhd.destroy();
  paced.destroy();
  if (isCancel(result.transportError)) throw result.transportError;
  clock.check();
  if (result.outcome?.status === 'success') return remoteVdi;
  const own = remoteError(result);
  if (own) throw own;
  // The stream broke: xapi reports a failed mirror for a running VM's disk, a failed copy otherwise.
  throw link.plan.live && move.kind === 'disk' ? new XapiError('MIRROR_FAILED', [move.vdi]) : new XapiError('VDI_COPY_FAILED', []);
}

/** A tar holding only `ova.xml` (what GET /export_metadata answers). */
function metadataTar(xml: string): Buffer {
  const data = Buffer.from(xml, 'utf8');
  return Buffer.concat([tarHeader('ova.xml', data.length), data, tarPadding(data.length), TAR_END]);
}

/** The VM's metadata with `maps_to` naming each disk's and VIF's counterpart on the destination (set, read, removed). */
function mappedMetadata(link: CrossPoolLink, remoteVdis: ReadonlyMap<string, string>): Buffer {
  const { engine } = link.ctx;
  const { store } = engine;
  const marked: [cls: string, ref: string][] = [];
  const mark = (cls: string, ref: string, value: string): void => {
    if (!store.has(cls, ref)) return;
    store.update(cls, ref, { other_config: { ...(store.get(cls, ref).other_config as Record<string, string>), [MAPS_TO]: value } });
    marked.push([cls, ref]);
  };
  try {
    for (const [vdi, target] of remoteVdis) mark('VDI', vdi, target);
    for (const [vif, network] of link.plan.vifs) mark('VIF', vif, network);
    const ova = buildOvaExport(engine, link.plan.vm, link.ctx.hostRef, { preservePowerState: true, snapshots: !link.plan.copy });
    return metadataTar(ova.xml);
  } finally {
    for (const [cls, ref] of marked) {
      if (!store.has(cls, ref)) continue;
      const { [MAPS_TO]: _gone, ...rest } = store.get(cls, ref).other_config as Record<string, string>;
      store.update(cls, ref, { other_config: rest });
    }
  }
}

/**
 * Sends the VM's metadata to the destination host (a dry run only checks there, e.g. its free memory for a running
 * VM). Returns the VMs created there, the VM first and then its snapshots.
 */
export async function sendMetadata(link: CrossPoolLink, dryRun: boolean, remoteVdis: ReadonlyMap<string, string>): Promise<string[]> {
  const body = mappedMetadata(link, remoteVdis);
  const restore = String(!link.plan.copy);
  const query = { restore, live: 'true', dry_run: String(dryRun), export_snapshots: restore };
  const result = await remoteUpload(link, 'VM metadata import', '/import_metadata', query, body, body.length);
  if (result.outcome?.status === 'success') return [...result.outcome.result.matchAll(/OpaqueRef:[^<\s]+/g)].map((m) => m[0]);
  if (result.outcome?.status === 'failure' && result.outcome.errorInfo[0]) throw new XapiError(result.outcome.errorInfo[0], result.outcome.errorInfo.slice(1));
  throw new XapiError('CANNOT_CONTACT_HOST', [new URL(link.hostBase).hostname]);
}

/** Hands the domain over: the destination host now runs the VM (paused if it was). */
export async function sendMemory(link: CrossPoolLink, remoteVmUuid: string, paused: boolean): Promise<void> {
  const result = await remoteUpload(link, 'VM memory', `/services/xenops/memory/${encodeURIComponent(remoteVmUuid)}`, { paused: String(paused) }, Buffer.alloc(0), 0);
  if (result.outcome?.status === 'success') return;
  const own = remoteError(result);
  if (own) throw own;
  const { store } = link.ctx.engine;
  throw new XapiError('VM_MIGRATE_FAILED', [String(store.get('VM', link.plan.vm).uuid), link.ctx.hostRef, link.plan.token.host, 'the memory image did not reach the destination']);
}
