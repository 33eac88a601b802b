import { createReadStream, createWriteStream, unlinkSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MethodName } from '../shared/api/contract.js';
import { requestTo, type ApiClient } from './api-client.js';
import { CallFailedError, UsageError } from './exit-codes.js';
import { fileFieldOf, fileMethodNames, type FileField } from './file-field.js';
import { TransferMeter } from './transfer-meter.js';

/** file.inspect reads a file's format from its first bytes; the contract takes at most 1 MiB of them. */
const headBytes = 1024 * 1024;

/** A file method's file, checked before any call: where it is, and (an upload) how big. */
export interface FilePlan {
  field: FileField;
  path: string;
  /** An upload's size; null for a download (an export's size is known only at its end). */
  size: number | null;
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return buffer.subarray(0, bytesRead).toString('base64');
  } finally {
    await handle.close();
  }
}

/**
 * Fills the method's file field from `@=PATH` (a download target, or an upload source with its name and size, and
 * the first bytes where the method reads them) after checking the path: a method that moves no file, a missing
 * file or folder, or the field also given by hand is a usage error before any call.
 */
export async function planFile(method: MethodName, input: Record<string, unknown>, file: string): Promise<FilePlan> {
  const field = fileFieldOf(method);
  if (!field) throw new UsageError(`${method} moves no file, so it takes no @=file. The methods that do: ${fileMethodNames().join(', ')}.`);
  if (field.name in input) throw new UsageError(`Give the file either as @=${file} or as ${field.name}=…, not both.`);
  const path = resolve(file);
  if (field.direction === 'download') {
    const folder = await stat(dirname(path)).catch(() => null);
    if (!folder?.isDirectory()) throw new UsageError(`There is no folder ${dirname(path)} to save ${basename(path)} in.`);
    if ((await stat(path).catch(() => null))?.isDirectory()) throw new UsageError(`${path} is a folder: give the file's name, e.g. @=${join(file, 'vm.xva')}.`);
    input[field.name] = { kind: 'download' };
    return { field, path, size: null };
  }
  const found = await stat(path).catch(() => null);
  if (!found?.isFile()) throw new UsageError(`There is no file ${path} to send.`);
  input[field.name] = { kind: 'upload', name: basename(path), size: found.size };
  if (field.headField && !(field.headField in input)) input[field.headField] = await readHead(path);
  return { field, path, size: found.size };
}

/** Counts the bytes going through, for the meter. */
function counting(meter: TransferMeter): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      meter.add(chunk.length);
      done(null, chunk);
    },
  });
}

async function bodyText(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response as AsyncIterable<Buffer>) if (text.length < 4096) text += chunk.toString('utf8');
  return text.trim();
}

function refused(status: number | undefined, text: string): CallFailedError {
  return new CallFailedError('TRANSFER_REFUSED', `Xenith refused the file transfer (HTTP ${status ?? '?'}): ${text || 'no reason given'}`);
}

/** A download in progress: the bytes land in a hidden file beside the target, renamed only once the job succeeded. */
export interface Download {
  /** Resolves when the last byte is written; rejects when the stream broke (the job says why). */
  done: Promise<void>;
  /** The job succeeded: the file takes its name. */
  keep(): Promise<void>;
  /** The job failed or the person interrupted: nothing is left behind. */
  discard(): Promise<void>;
}

function responseTo(client: ApiClient, url: string, method: 'GET' | 'PUT', headers: Record<string, string | number>, body: Readable | null): Promise<IncomingMessage> {
  return new Promise((resolveResponse, reject) => {
    const request = requestTo(client.target, client.credentials, url, method, headers);
    request.once('response', resolveResponse);
    request.once('error', reject);
    if (!body) {
      request.end();
      return;
    }
    // The server may answer before the whole body is sent (a refusal): stop reading the file then.
    request.once('response', () => body.unpipe(request));
    body.once('error', (error) => request.destroy(error));
    body.pipe(request);
  });
}

/** Downloads an export from its one-time link into `plan.path`, through a hidden partial file. */
export function startDownload(client: ApiClient, url: string, plan: FilePlan, meter: TransferMeter): Download {
  const partial = join(dirname(plan.path), `.${basename(plan.path)}.xenith-partial`);
  // Ctrl-C leaves no partial file: the export itself fails on the server when its download is cut.
  const onSignal = () => {
    try {
      unlinkSync(partial);
    } catch {
      // Not created yet.
    }
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  const release = () => process.off('SIGINT', onSignal);
  const done = (async () => {
    const response = await responseTo(client, url, 'GET', {}, null);
    if (response.statusCode !== 200) throw refused(response.statusCode, await bodyText(response));
    await pipeline(response, counting(meter), createWriteStream(partial));
  })();
  done.catch(() => {});
  return {
    done,
    async keep() {
      release();
      await rename(partial, plan.path);
    },
    async discard() {
      release();
      await unlink(partial).catch(() => {});
    },
  };
}

/**
 * Uploads the file to its one-time link. The server answers once the import job knows how it went, so this
 * resolves with the job's own verdict (`ok`, and the server's sentence when not).
 */
export async function upload(client: ApiClient, url: string, plan: FilePlan, meter: TransferMeter): Promise<{ ok: boolean; message: string }> {
  const file = createReadStream(plan.path);
  const body = counting(meter);
  file.once('error', (error) => body.destroy(error));
  file.pipe(body);
  const response = await responseTo(client, url, 'PUT', { 'content-type': 'application/octet-stream', 'content-length': plan.size ?? 0 }, body);
  const text = await bodyText(response);
  if (response.statusCode === 200) return { ok: true, message: text };
  if (response.statusCode === 422) return { ok: false, message: text };
  throw refused(response.statusCode, text);
}
