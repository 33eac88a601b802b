/**
 * The destination's HTTP side of a cross-pool migration. `PUT /import_metadata?restore=&live=&dry_run=` (xapi
 * import.ml, metadata import) takes a tar holding only `ova.xml` and creates the VM around disks already copied
 * (VDIs and networks named by `other_config.maps_to`); a dry run only checks, e.g. that this host has the memory a
 * running VM needs (HOST_NOT_ENOUGH_FREE_MEMORY [needed, available]). `PUT /services/xenops/memory/<vm uuid>` stands
 * for xenopsd receiving the memory image: the domain then exists on this host (Running, or Paused with `paused=true`).
 * Both answer `200` at once and report through the `task_id` task, as the other transfer handlers do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resetConnection, transferFaultsFor, UploadCut, type CuttablePath } from '../../api/transfer-faults.js';
import { hostFreeMemory, vmMemoryNeed } from '../../behaviour/host-memory.js';
import { assertCanBootHere } from '../../behaviour/vm-placement.js';
import { markStarted } from '../../behaviour/vm-runtime-state.js';
import { fail, XapiError } from '../../model/xapi-error.js';
import { encodeXmlValue } from '../../wire/xmlrpc-codec.js';
import { OvaFormatError, parseOvaXml, type OvaHeader } from '../../xva/ova-parse.js';
import { TarFormatError } from '../../xva/tar.js';
import { TarReader } from '../../xva/tar-reader.js';
import { importObjects } from '../../xva/vm-import.js';
import { openTransfer, rawHead, sendStatus, type RouteContext, type TransferContext } from './transfer-context.js';

/** Metadata is small; anything past this is not a metadata export. */
const MAX_METADATA_BYTES = 64 * 1024 * 1024;

/** Reads an upload whole (with the connection-cut fault applied); rejects when it ends early or is too large. */
function readUpload(req: IncomingMessage, ctx: TransferContext, path?: CuttablePath): Promise<Buffer> {
  const cut = new UploadCut(() => (path ? transferFaultsFor(ctx.engine).takeCut(path) : undefined));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (received: Buffer) => {
      const chunk = received.subarray(0, cut.accept(received.length));
      size += chunk.length;
      if (size > MAX_METADATA_BYTES) {
        reject(new XapiError('IMPORT_ERROR', [`metadata larger than ${MAX_METADATA_BYTES} bytes`]));
        req.destroy();
        return;
      }
      chunks.push(chunk);
      if (cut.due) resetConnection(req.socket);
    });
    req.on('end', () => (req.complete ? resolve(Buffer.concat(chunks)) : reject(new XapiError('IMPORT_ERROR_PREMATURE_EOF', []))));
    req.on('aborted', () => reject(new XapiError('IMPORT_ERROR_PREMATURE_EOF', [])));
    req.on('error', () => reject(new XapiError('IMPORT_ERROR_PREMATURE_EOF', [])));
    req.socket.on('close', () => reject(new XapiError('IMPORT_ERROR_PREMATURE_EOF', [])));
  });
}

/** The ova.xml of a metadata export (a tar whose first member it is). */
function parseMetadata(body: Buffer): OvaHeader {
  let header: OvaHeader | undefined;
  try {
    const tar = new TarReader({
      onEntry: (name, data) => {
        if (name !== 'ova.xml') throw new XapiError('IMPORT_ERROR_UNEXPECTED_FILE', ['ova.xml', name]);
        header = parseOvaXml(data.toString('utf8'));
        return false;
      },
    });
    tar.push(body);
  } catch (e) {
    if (e instanceof TarFormatError || e instanceof OvaFormatError) throw new XapiError('IMPORT_ERROR', [`Invalid XVA file: ${e.message}`]);
    throw e;
  }
  if (!header) throw new XapiError('IMPORT_ERROR_PREMATURE_EOF', []);
  return header;
}

/** import.ml assert_can_live_import: a running or paused VM must fit in this host's free memory. */
function assertCanLiveImport(route: RouteContext, header: OvaHeader): void {
  for (const o of header.objects) {
    if (o.cls !== 'VM' || o.snapshot.is_a_snapshot === true) continue;
    const state = o.snapshot.power_state;
    if (state !== 'Running' && state !== 'Paused') continue;
    const need = vmMemoryNeed(o.snapshot);
    const free = hostFreeMemory(route.engine, route.hostRef);
    if (free < need) fail('HOST_NOT_ENOUGH_FREE_MEMORY', need, free);
  }
}

/** Answers 200 at once (xapi does, before reading), or refuses a chunked upload with 403. */
function acceptUpload(req: IncomingMessage, res: ServerResponse, ctx: TransferContext): boolean {
  if (req.headers['transfer-encoding']) {
    sendStatus(res, 403, 'Forbidden', ctx.fail(new XapiError('IMPORT_ERROR_CANNOT_HANDLE_CHUNKED', [])).description.join(' '));
    ctx.release();
    return false;
  }
  req.socket.write(rawHead('HTTP/1.1 200 OK', { Connection: 'close', 'task-id': ctx.taskRef, 'Content-Type': 'application/octet-stream' }));
  return true;
}

export async function handleImportMetadata(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  const ctx = openTransfer(req, res, route, 'VM.import_metadata');
  if (!ctx || !acceptUpload(req, res, ctx)) return;
  const { engine } = ctx;
  const flag = (name: string): boolean => ctx.query.get(name) === 'true';
  try {
    const header = parseMetadata(await readUpload(req, ctx, '/import_metadata'));
    if (flag('live')) assertCanLiveImport(route, header);
    const setType = { kind: 'set', of: { kind: 'ref', cls: 'VM' } } as const;
    if (flag('dry_run')) {
      ctx.complete(encodeXmlValue([], setType, engine.recordTypes));
    } else {
      const imported = importObjects(engine, header, { taskRef: ctx.taskRef, restore: flag('restore'), force: flag('force'), migration: { live: flag('live') } });
      imported.finish();
      const isSnapshot = (vm: string): boolean => engine.store.get('VM', vm).is_a_snapshot === true;
      const vms = [...imported.vms.filter((vm) => !isSnapshot(vm)), ...imported.vms.filter(isSnapshot)];
      ctx.complete(encodeXmlValue(vms, setType, engine.recordTypes));
    }
  } catch (e) {
    ctx.fail(e);
  } finally {
    ctx.release();
    req.socket.end();
  }
}

export async function handleXenopsMemory(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  const ctx = openTransfer(req, res, route, 'VM.receive_memory');
  if (!ctx || !acceptUpload(req, res, ctx)) return;
  const { engine } = ctx;
  try {
    await readUpload(req, ctx).catch((e: unknown) => {
      throw e instanceof XapiError && e.code === 'IMPORT_ERROR_PREMATURE_EOF' ? new XapiError('VM_MIGRATE_FAILED', ['', '', route.hostRef, 'the memory stream ended early']) : e;
    });
    const uuid = decodeURIComponent((req.url ?? '').split('?')[0]!.split('/').pop() ?? '');
    const vm = engine.store.refByUuid('VM', uuid);
    if (!vm) fail('UUID_INVALID', 'VM', uuid);
    const rec = engine.store.get('VM', vm);
    if (rec.power_state !== 'Halted') fail('VM_BAD_POWER_STATE', vm, 'halted', String(rec.power_state).toLowerCase());
    assertCanBootHere(engine, vm, route.hostRef);
    markStarted(engine, vm, route.hostRef, ctx.query.get('paused') === 'true');
    ctx.complete('');
  } catch (e) {
    ctx.fail(e);
  } finally {
    ctx.release();
    req.socket.end();
  }
}
