/** Where the Electron executable is, or why there is none (see electron-binary.mjs). */
export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

/** Finds the Electron executable without triggering the electron package's lazy download. */
export function resolveElectronBinary(options: {
  electronDir: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (file: string) => boolean;
  readText?: (file: string) => string;
}): ElectronBinary;

/** Why Electron cannot open a window here (Linux without a display), or null when it can. */
export function missingDisplayReason(options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): string | null;
