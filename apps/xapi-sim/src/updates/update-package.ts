/**
 * The simulator's XenServer update package (the `.iso`/`.xsupdate` inside a downloadable zip): a header line, the
 * update's metadata as JSON, a payload, and a signature line — an HMAC-SHA256 over everything before it under a
 * fixed simulator key. A package whose bytes were altered still parses but fails the signature check (precheck).
 */
import { createHmac, type Hmac } from 'node:crypto';

export const UPDATE_MAGIC = 'XSUPDATE-SIM/1';
const SIGNING_KEY = 'xapi-sim update signing key';

export interface UpdateMeta {
  uuid: string;
  name_label: string;
  name_description: string;
  version: string;
  installation_size: number;
  key: string;
  /** restartHVM | restartPV | restartHost | restartXAPI */
  after_apply_guidance: string[];
  enforce_homogeneity: boolean;
  /** Product versions it applies to (empty = any). */
  product_versions: string[];
  /** uuids of updates that must be applied first. */
  requires: string[];
  /** uuids of updates that must not be applied. */
  conflicts: string[];
  /** Livepatch: precheck answers ok_livepatch_complete. */
  livepatch: boolean;
}

export function updateMeta(partial: Partial<UpdateMeta> & Pick<UpdateMeta, 'uuid' | 'name_label'>): UpdateMeta {
  return {
    name_description: '', version: '1.0', installation_size: 52_428_800, key: 'XS82ECU', after_apply_guidance: ['restartHost'],
    enforce_homogeneity: false, product_versions: [], requires: [], conflicts: [], livepatch: false, ...partial,
  };
}

/** The HMAC a package's signature line carries (over everything before that line). */
export const createUpdateSigner = (): Hmac => createHmac('sha256', SIGNING_KEY);

const sign = (data: Buffer): string => createUpdateSigner().update(data).digest('hex');

/** Builds a package with `payload` (default: deterministic filler standing in for RPMs). */
export function buildUpdatePackage(meta: UpdateMeta, payload: Buffer = Buffer.alloc(64 * 1024, meta.uuid)): Buffer {
  const body = Buffer.concat([Buffer.from(`${UPDATE_MAGIC}\n${JSON.stringify({ ...meta, payload_size: payload.length })}\n`), payload]);
  return Buffer.concat([body, Buffer.from(`\nSIG ${sign(body)}\n`)]);
}

export interface ParsedUpdate { meta: UpdateMeta; signatureValid: boolean; totalLength: number }

/**
 * Parses a package from its leading bytes (a VDI may be longer than the package); `read(offset, length)` returns
 * bytes of the container. Undefined when it is not an update package at all. The payload starts right after the
 * metadata line, or at `payload_offset` when the metadata names one (large packages align it on a disk block). The
 * signature is checked a few MiB at a time, so a large package never sits in memory whole.
 */
export function parseUpdatePackage(read: (offset: number, length: number) => Buffer): ParsedUpdate | undefined {
  const head = read(0, 64 * 1024);
  const nl1 = head.indexOf(0x0a);
  if (nl1 < 0 || head.toString('latin1', 0, nl1) !== UPDATE_MAGIC) return undefined;
  const nl2 = head.indexOf(0x0a, nl1 + 1);
  if (nl2 < 0) return undefined;
  let meta: UpdateMeta & { payload_size?: number; payload_offset?: number };
  try {
    meta = JSON.parse(head.toString('utf8', nl1 + 1, nl2)) as UpdateMeta & { payload_size?: number; payload_offset?: number };
  } catch {
    return undefined;
  }
  if (typeof meta.uuid !== 'string' || typeof meta.payload_size !== 'number') return undefined;
  const payloadStart = typeof meta.payload_offset === 'number' && meta.payload_offset > nl2 ? meta.payload_offset : nl2 + 1;
  const bodyLength = payloadStart + meta.payload_size;
  const sigLine = read(bodyLength, 70).toString('latin1');
  const m = /^\nSIG ([0-9a-f]{64})\n/.exec(sigLine);
  const signer = createUpdateSigner();
  const piece = 8 * 1024 * 1024;
  for (let at = 0; at < bodyLength; at += piece) signer.update(read(at, Math.min(piece, bodyLength - at)));
  const { payload_size: _size, payload_offset: _offset, ...rest } = meta;
  void _size;
  void _offset;
  return { meta: updateMeta(rest), signatureValid: m !== null && m[1] === signer.digest('hex'), totalLength: bodyLength + 70 };
}
