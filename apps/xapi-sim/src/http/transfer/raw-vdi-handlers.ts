/**
 * `GET /export_raw_vdi?vdi=&format=raw|vhd[&base=]` and `PUT /import_raw_vdi?vdi=&format=raw|vhd[&chunked]` (xapi
 * export_raw_vdi.ml / import_raw_vdi.ml): auth, 302 to a host that sees the VDI's SR, `200` with content type and
 * `Content-Disposition: attachment; filename="<vdi-uuid>.<format>"`, the body closed with the connection.
 * Other formats (tar, qcow2) are answered 400 with INTERNAL_ERROR, as xapi does for a format it cannot stream.
 * `chunked` (raw only, as xapi) takes vhd-tool's sparse frames and completes at their end frame, however long the
 * upload announced itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cuttingStream, resetConnection, transferFaultsFor, UploadCut } from '../../api/transfer-faults.js';
import { disksFor } from '../../disk/disks-for-engine.js';
import { BLOCK_SIZE } from '../../disk/synthetic-content.js';
import { xxhashReady } from '../../disk/xxhash64.js';
import { XapiError } from '../../model/xapi-error.js';
import { VhdFormatError } from '../../vhd/vhd-format.js';
import { ChunkedRawReceiver } from '../../vhd/chunked-raw-receiver.js';
import { VhdReader } from '../../vhd/vhd-reader.js';
import { createVhdStream } from '../../vhd/vhd-writer.js';
import { redirectForSr } from './import-handler.js';
import { endUpload, objectFromQuery, openTransfer, rawHead, sendStatus, type RouteContext, type TransferContext } from './transfer-context.js';

const CONTENT_TYPES: Record<string, string> = { raw: 'application/octet-stream', vhd: 'application/vhd', tar: 'application/x-tar', qcow2: 'application/x-qemu-disk' };
const SUPPORTED = new Set(['raw', 'vhd']);

/** The whole virtual disk, block after block, zeros included. */
function rawStream(ctx: TransferContext, vdi: string): Readable {
  const store = disksFor(ctx.engine);
  const count = store.blockCount(vdi);
  const zero = Buffer.alloc(BLOCK_SIZE);
  let i = 0;
  return new Readable({
    highWaterMark: 4 * BLOCK_SIZE,
    read() {
      try {
        while (i < count) {
          const aborted = ctx.cancelled();
          if (aborted) throw aborted;
          const len = store.blockLength(vdi, i);
          const data = store.readBlock(vdi, i) ?? (len === BLOCK_SIZE ? zero : Buffer.alloc(len));
          i++;
          if (!this.push(data)) return;
        }
        this.push(null);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
}

/** Opens the transfer and resolves `vdi=` (ref or uuid) and `format=`; undefined when it already answered. */
function openVdiTransfer(req: IncomingMessage, res: ServerResponse, route: RouteContext, label: string): { ctx: TransferContext; vdi: string; format: string } | undefined {
  const ctx = openTransfer(req, res, route, label);
  if (!ctx) return undefined;
  const vdi = objectFromQuery(ctx.engine, ctx.query, 'VDI', 'vdi', 'vdi');
  if (!vdi) {
    sendStatus(res, 404, 'Not Found', ctx.fail(new XapiError('HANDLE_INVALID', ['VDI', ctx.query.get('vdi') ?? ''])).description.join(' '));
    ctx.release();
    return undefined;
  }
  const format = ctx.query.get('format') ?? 'raw';
  if (!SUPPORTED.has(format)) {
    const why = CONTENT_TYPES[format] ? `format ${format} is not supported by the simulator` : `unknown format ${format}`;
    sendStatus(res, 400, 'Bad Request', ctx.fail(new XapiError('INTERNAL_ERROR', [why])).description.join(' '));
    ctx.release();
    return undefined;
  }
  if (redirectForSr(req, res, route, String(ctx.engine.store.get('VDI', vdi).SR))) {
    ctx.release();
    return undefined;
  }
  return { ctx, vdi, format };
}

export async function handleExportRawVdi(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  await xxhashReady();
  const opened = openVdiTransfer(req, res, route, 'VDI.export_raw');
  if (!opened) return;
  const { ctx, vdi, format } = opened;
  const { store } = ctx.engine;
  try {
    const baseParam = ctx.query.get('base');
    const base = baseParam ? objectFromQuery(ctx.engine, new URLSearchParams({ ref: baseParam }), 'VDI') : undefined;
    if (baseParam && !base) {
      sendStatus(res, 404, 'Not Found', ctx.fail(new XapiError('HANDLE_INVALID', ['VDI', baseParam])).description.join(' '));
      return;
    }
    const uuid = String(store.get('VDI', vdi).uuid);
    const body = format === 'vhd'
      ? createVhdStream({ store: disksFor(ctx.engine), vdi, uuid, ...(base ? { base: { vdi: base, uuid: String(store.get('VDI', base).uuid) } } : {}), checkAbort: () => ctx.cancelled() })
      : rawStream(ctx, vdi);
    const socket = req.socket;
    socket.write(rawHead('HTTP/1.1 200 OK', {
      Connection: 'close',
      'Content-Type': CONTENT_TYPES[format]!,
      'Content-Disposition': `attachment; filename="${uuid}.${format}"`,
      'task-id': ctx.taskRef,
    }));
    const cutAfter = transferFaultsFor(ctx.engine).takeCut('/export_raw_vdi');
    try {
      await (cutAfter === undefined ? pipeline(body, socket) : pipeline(body, cuttingStream(cutAfter, socket), socket));
      ctx.complete('');
    } catch (e) {
      ctx.fail(e instanceof XapiError ? e : new XapiError('CLIENT_ERROR', [(e as Error).message]));
      socket.destroy();
    }
  } finally {
    ctx.release();
  }
}

export async function handleImportRawVdi(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  await xxhashReady();
  const opened = openVdiTransfer(req, res, route, 'VDI.import_raw');
  if (!opened) return;
  const { ctx, vdi, format } = opened;
  const chunked = ctx.query.has('chunked');
  if (chunked && format !== 'raw') {
    sendStatus(res, 404, 'Not Found', ctx.fail(new XapiError('INTERNAL_ERROR', ['Cannot handle chunked VHD'])).description.join(' '));
    ctx.release();
    return;
  }
  const store = disksFor(ctx.engine);
  const socket = req.socket;
  socket.write(rawHead('HTTP/1.1 200 OK', { Connection: 'close', 'task-id': ctx.taskRef }));
  await new Promise<void>((resolve) => {
    let finished = false;
    let offset = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const vhd = format === 'vhd' ? new VhdReader(store, vdi) : undefined;
    const frames = chunked ? new ChunkedRawReceiver(store, vdi) : undefined;
    const size = store.virtualSize(vdi);
    let lastProgress = -1;
    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      if (error === undefined) ctx.complete('');
      else ctx.fail(error instanceof VhdFormatError ? new XapiError('VDI_IO_ERROR', [`Invalid VHD: ${error.message}`]) : error);
      ctx.release();
      endUpload(req, error === undefined, onData);
      resolve();
    };
    const faults = transferFaultsFor(ctx.engine);
    const cut = new UploadCut(() => faults.takeCut('/import_raw_vdi'));
    const sr = String(ctx.engine.store.get('VDI', vdi).SR);
    const onData = (received: Buffer): void => {
      if (finished) return;
      const chunk = received.subarray(0, cut.accept(received.length));
      try {
        faults.chargeSr(sr, chunk.length);
        if (chunk.length > 0) take(chunk);
      } catch (e) {
        finish(e);
        return;
      }
      if (cut.due && !finished) resetConnection(socket);
    };
    const take = (chunk: Buffer): void => {
      if (frames) {
        frames.push(chunk);
        const progress = size > 0 ? Math.min(99, Math.floor((frames.written / size) * 100)) : 0;
        if (progress > lastProgress) {
          lastProgress = progress;
          ctx.progress(progress / 100);
        }
        if (frames.done) finish();
        return;
      }
      if (vhd) {
        vhd.push(chunk);
        if (vhd.done) finish();
        return;
      }
      // gather whole 1 MiB blocks so the store is not read-modify-written per socket chunk
      pending.push(chunk);
      pendingBytes += chunk.length;
      const toBoundary = BLOCK_SIZE - (offset % BLOCK_SIZE);
      if (pendingBytes >= toBoundary) flush();
    };
    const flush = (): void => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      store.writeRange(vdi, offset, data);
      offset += data.length;
    };
    const onEnd = (): void => {
      if (finished) return;
      try {
        flush();
        if (frames) finish(new XapiError('VDI_IO_ERROR', ['Device I/O error: the chunked upload ended before its last frame']));
        else if (vhd) {
          vhd.finishFixed();
          finish(vhd.done ? undefined : new XapiError('VDI_IO_ERROR', ['Device I/O error: the VHD stream ended early']));
        } else if (req.complete) finish();
        else finish(new XapiError('VDI_IO_ERROR', ['Device I/O error']));
      } catch (e) {
        finish(e);
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onEnd);
    socket.on('close', onEnd);
  });
}
