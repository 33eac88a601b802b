import type { FileDialogChoice, FileDialogRequest } from '../../src/shared/api/preload-api.js';

const extensionPattern = /^([A-Za-z0-9]{1,16}|\*)$/;

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length <= max && !value.includes('\0') ? value : null;
}

/**
 * Reads a file dialog request from the page as plain data, or null when it is anything else: a mode, a title, a
 * suggested file name (a bare name: no folder), and a few filters of bare extensions. Checked in the preload and
 * again in the main process, which never trusts what a page sends.
 */
export function readFileDialogRequest(value: unknown): FileDialogRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const { mode, title, suggestedName, filters } = value as Record<string, unknown>;
  if (mode !== 'save' && mode !== 'open') return null;
  const checkedTitle = text(title, 200);
  if (checkedTitle === null) return null;
  const name = suggestedName === undefined ? undefined : text(suggestedName, 255);
  if (name === null || (name !== undefined && /[/\\]/.test(name))) return null;
  if (!Array.isArray(filters) || filters.length > 10) return null;
  const checkedFilters: FileDialogRequest['filters'] = [];
  for (const filter of filters as unknown[]) {
    const { name: filterName, extensions } = (filter ?? {}) as Record<string, unknown>;
    const label = text(filterName, 100);
    if (label === null || !Array.isArray(extensions) || extensions.length > 10 || !extensions.every((extension) => typeof extension === 'string' && extensionPattern.test(extension))) return null;
    checkedFilters.push({ name: label, extensions: [...(extensions as string[])] });
  }
  return { mode, title: checkedTitle, ...(name !== undefined ? { suggestedName: name } : {}), filters: checkedFilters };
}

/** Reads the shell's answer: a handle and a name, or null (cancelled); anything else reads as cancelled. */
export function readFileDialogChoice(value: unknown): FileDialogChoice | null {
  if (typeof value !== 'object' || value === null) return null;
  const { handle, name } = value as Record<string, unknown>;
  if (typeof handle !== 'string' || !/^[A-Za-z0-9_-]{32}$/.test(handle) || text(name, 255) === null) return null;
  return { handle, name: name as string };
}
