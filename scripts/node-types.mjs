// The renderer and shared layers run outside Node. Their tsconfigs load no Node types, but an import of a
// server-side package (undici, ws…) would pull @types/node in through that package's own declarations and make
// Buffer or process type-check in browser code. scripts/typecheck.mjs lists each such program's files and fails
// when Node's types are among them.
import { existsSync } from 'node:fs';

const nodeTypes = /[\\/]node_modules[\\/]@types[\\/]node[\\/]/;

/** The lines of a `tsc --listFiles` output that name files (the rest are diagnostics). */
export function listedFiles(output) {
  return output.split(/\r?\n/).filter((line) => line !== '' && existsSync(line));
}

/** Node's own type declarations among the files of a `tsc --listFiles` output. */
export function nodeTypeFiles(output) {
  return listedFiles(output).filter((file) => nodeTypes.test(file));
}
