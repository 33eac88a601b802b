const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

/** A size as XenCenter writes it: binary units, at most one decimal, no trailing ".0" (10 GiB, 661.7 MiB). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  return `${rounded} ${units[unit]}`;
}
