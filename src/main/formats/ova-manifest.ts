import { createHash, type Hash } from 'node:crypto';

/** A file of the package whose digest does not match its manifest: the package is damaged or was altered. */
export class ManifestMismatchError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ManifestMismatchError';
  }
}

const algorithms = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
type Algorithm = keyof typeof algorithms;

/** One digest the manifest gives. */
export interface ManifestEntry {
  algorithm: Algorithm;
  hex: string;
}

/** Reads an OVF manifest (`.mf`): `SHA256(disk1.vmdk)= 3f…` lines, file name → digest. */
export function parseManifest(text: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line);
    if (match) entries.set(match[2]!, { algorithm: match[1] as Algorithm, hex: match[3]!.toLowerCase() });
  }
  return entries;
}

/**
 * Digests a file of the package as it streams by. When the manifest is known before the file, only its algorithm
 * runs; when the manifest comes last (some tools write it there), SHA-256 and SHA-1 both run, to be compared then.
 */
export class FileDigest {
  readonly #hashes = new Map<Algorithm, Hash>();
  #digests: Map<Algorithm, string> | null = null;

  constructor(readonly file: string, expected: ManifestEntry | undefined) {
    const wanted: Algorithm[] = expected ? [expected.algorithm] : ['SHA256', 'SHA1'];
    for (const algorithm of wanted) this.#hashes.set(algorithm, createHash(algorithms[algorithm]));
  }

  update(piece: Uint8Array): void {
    for (const hash of this.#hashes.values()) hash.update(piece);
  }

  /** Ends the digests (once). */
  finish(): void {
    this.#digests ??= new Map([...this.#hashes].map(([algorithm, hash]) => [algorithm, hash.digest('hex')]));
  }

  /** Compares with the manifest's entry; throws ManifestMismatchError when it differs or was not computed. */
  check(expected: ManifestEntry): void {
    this.finish();
    const actual = this.#digests!.get(expected.algorithm);
    if (actual === undefined) throw new ManifestMismatchError(this.file, `The manifest gives a ${expected.algorithm} digest for ${this.file}, which could not be checked.`);
    if (actual !== expected.hex) throw new ManifestMismatchError(this.file, `${this.file} does not match the package's manifest (${expected.algorithm} ${expected.hex}, the file gives ${actual}): the package is damaged or was changed.`);
  }
}
