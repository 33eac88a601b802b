import { preloadGlobalName, type FileDialogChoice, type FileDialogRequest, type PreloadApi } from '../../../shared/api/preload-api.js';

/** A file the person chose: through the desktop's native dialog (a handle), or the browser's own picker (a File). */
export type PickedFile = { kind: 'handle'; handle: string; name: string } | { kind: 'browser'; file: File; name: string };

/** The desktop shell's native file dialog, or null in a browser (serve mode uses the browser's own picker and downloads). */
export function nativeFileDialog(): ((request: FileDialogRequest) => Promise<FileDialogChoice | null>) | null {
  const api = (globalThis as Record<string, unknown>)[preloadGlobalName] as PreloadApi | undefined;
  return api?.chooseFile ? (request) => api.chooseFile!(request) : null;
}

/**
 * Starts the browser's own download of a one-time link: a same-origin link with `download`, so the browser streams
 * it to disk (never into the page's memory) and shows it in its downloads.
 */
export function startDownload(url: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = '';
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * Uploads a File to a one-time link: the browser streams it from disk with its length. Resolves with the server's
 * verdict once the import is over (or the reason the upload itself failed).
 */
export async function uploadToLink(url: string, file: Blob): Promise<{ ok: boolean; message: string }> {
  try {
    const response = await fetch(url, { method: 'PUT', body: file, credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' } });
    return { ok: response.ok, message: await response.text() };
  } catch (error) {
    return { ok: false, message: `The upload stopped: ${String(error)}` };
  }
}

/** The first bytes of a File as base64 (what file.inspect reads the format and the VM from). */
export async function headAsBase64(file: Blob, bytes = 1024 * 1024): Promise<string> {
  const head = new Uint8Array(await file.slice(0, bytes).arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < head.length; offset += 0x8000) binary += String.fromCharCode(...head.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

/** The contract's view of a picked file: its handle, or its name and size for an upload. */
export function fileSourceOf(picked: PickedFile): { kind: 'handle'; handle: string } | { kind: 'upload'; name: string; size: number } {
  return picked.kind === 'handle' ? { kind: 'handle', handle: picked.handle } : { kind: 'upload', name: picked.name.slice(0, 255), size: picked.file.size };
}
