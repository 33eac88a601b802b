// The embedded server must run in plain Node, so its bundle may never pull in Electron.
import { readFileSync } from 'node:fs';

const electronImport = /(?:require\(\s*["']electron["']\s*\)|from\s*["']electron["']|import\(\s*["']electron["']\s*\))/;

/**
 * Throws when the bundle (or its metafile's inputs/imports) refers to the electron module.
 * `outfile` names the file to read; with code splitting, every JavaScript output of the metafile is read too.
 */
export function assertNoElectron(metafile, outfile) {
  const offenders = [];
  for (const [input, info] of Object.entries(metafile?.inputs ?? {})) {
    for (const imported of info.imports ?? []) {
      if (imported.path === 'electron' || imported.path.startsWith('electron/')) offenders.push(input);
    }
  }
  const outputs = Object.keys(metafile?.outputs ?? {}).filter((file) => file.endsWith('.js'));
  for (const file of new Set([outfile, ...outputs])) {
    if (electronImport.test(readFileSync(file, 'utf8'))) offenders.push(file);
  }
  if (offenders.length > 0) {
    throw new Error(`The src/main bundle imports electron (from ${[...new Set(offenders)].join(', ')}); only apps/desktop may.`);
  }
}
