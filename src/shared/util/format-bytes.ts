/** Sizes as XenCenter writes them: binary units with one decimal ("4.0 GiB", "512.0 MiB"); the UI and xenith-cli share it. */

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** A byte count in the largest binary unit that keeps the number at 1 or more, with one decimal. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const negative = bytes < 0;
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
  return negative ? `-${text}` : text;
}
