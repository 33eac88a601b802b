import { sniffCompression, type Compression } from './compression.js';
import { isZeroBlock, parseTarHeader, tarBlock } from './tar-header.js';

/** What a VM file is, from its first bytes. */
export interface DetectedImport {
  format: 'xva' | 'ova' | 'ovf';
  compression: Compression;
}

/** A file that is none of the VM formats Xenith imports. */
export class UnknownImportError extends Error {
  constructor(name: string, detail: string) {
    super(`${name} is not an XVA, OVA or OVF file (${detail}).`);
    this.name = 'UnknownImportError';
  }
}

/**
 * Tells an XVA (a tar starting with ova.xml, or that tar compressed with gzip or zstd, as XAPI exports it), an OVA
 * (a tar starting with its .ovf descriptor) and an OVF descriptor (XML) apart, from the file's first bytes.
 */
export function detectImport(head: Buffer, name: string): DetectedImport {
  const compression = sniffCompression(head);
  if (compression !== 'none') return { format: 'xva', compression };
  if (head.length >= tarBlock && !isZeroBlock(head.subarray(0, tarBlock))) {
    let first: string | null = null;
    try {
      first = parseTarHeader(head.subarray(0, tarBlock)).name;
    } catch {
      // Not a tar header: maybe XML below.
    }
    if (first === 'ova.xml') return { format: 'xva', compression };
    if (first !== null && /\.ovf$/i.test(first)) return { format: 'ova', compression };
    if (first !== null) throw new UnknownImportError(name, `it is an archive starting with ${first}, not with ova.xml or an .ovf descriptor`);
  }
  const text = head.subarray(0, 256).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return { format: 'ovf', compression };
  throw new UnknownImportError(name, 'its first bytes are neither an archive nor XML');
}
