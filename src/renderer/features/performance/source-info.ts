/** How a data source reads to a person: its label and unit (xcp-rrdd's names, XenCenter's wording). */
export type SourceUnit = 'percent' | 'bytes' | 'bytesPerSecond' | 'number';

export interface SourceInfo {
  readonly label: string;
  readonly unit: SourceUnit;
  /** Multiplies the raw value into the unit (KiB sources → bytes). */
  readonly scale: number;
}

const patterns: [RegExp, (match: RegExpExecArray) => SourceInfo][] = [
  [/^cpu(\d+)$/, (m) => ({ label: `CPU ${m[1]}`, unit: 'percent', scale: 100 })],
  [/^cpu_usage$/, () => ({ label: 'CPU usage', unit: 'percent', scale: 100 })],
  [/^memory$/, () => ({ label: 'Total memory', unit: 'bytes', scale: 1 })],
  [/^memory_target$/, () => ({ label: 'Memory target', unit: 'bytes', scale: 1 })],
  [/^memory_used$/, () => ({ label: 'Used memory', unit: 'bytes', scale: 1 })],
  [/^memory_internal_free$/, () => ({ label: 'Free memory', unit: 'bytes', scale: 1024 })],
  [/^memory_total_kib$/, () => ({ label: 'Total memory', unit: 'bytes', scale: 1024 })],
  [/^memory_free_kib$/, () => ({ label: 'Free memory', unit: 'bytes', scale: 1024 })],
  [/^memory_used_kib$/, () => ({ label: 'Used memory', unit: 'bytes', scale: 1024 })],
  [/^vif_(\d+)_(rx|tx)$/, (m) => ({ label: `Network ${m[1]} ${m[2] === 'rx' ? 'receive' : 'send'}`, unit: 'bytesPerSecond', scale: 1 })],
  [/^pif_(\w+)_(rx|tx)$/, (m) => ({ label: `NIC ${m[1]} ${m[2] === 'rx' ? 'receive' : 'send'}`, unit: 'bytesPerSecond', scale: 1 })],
  [/^vbd_(\w+)_(read|write)$/, (m) => ({ label: `Disk ${m[1]} ${m[2]}`, unit: 'bytesPerSecond', scale: 1 })],
  [/^loadavg$/, () => ({ label: 'Load average', unit: 'number', scale: 1 })],
];

export function sourceInfo(name: string): SourceInfo {
  for (const [pattern, info] of patterns) {
    const match = pattern.exec(name);
    if (match) return info(match);
  }
  return { label: name, unit: 'number', scale: 1 };
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A value in its unit for people: "42.5 %", "1.2 GiB", "3.4 MiB/s", "0.73". */
export function formatSourceValue(value: number | null, unit: SourceUnit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (unit === 'percent') return `${value.toFixed(1)} %`;
  if (unit === 'number') return value.toFixed(2);
  let scaled = Math.abs(value);
  let i = 0;
  while (scaled >= 1024 && i < byteUnits.length - 1) {
    scaled /= 1024;
    i++;
  }
  const text = `${(Math.sign(value) * scaled).toFixed(scaled >= 100 || i === 0 ? 0 : 1)} ${byteUnits[i]}`;
  return unit === 'bytesPerSecond' ? `${text}/s` : text;
}
