import { sourceInfo } from './source-info.js';

/** A graph's points as CSV: ISO time, then one column per source in its unit (empty for gaps). */
export function graphCsv(sources: readonly string[], times: readonly number[], rows: readonly (readonly (number | null)[])[]): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const header = ['Time', ...sources.map((name) => {
    const info = sourceInfo(name);
    return quote(`${info.label} (${info.unit === 'percent' ? '%' : info.unit === 'bytes' ? 'bytes' : info.unit === 'bytesPerSecond' ? 'bytes/s' : 'value'})`);
  })];
  const lines = times.map((t, i) => [new Date(t * 1000).toISOString(), ...rows.map((row) => (row[i] === null || row[i] === undefined ? '' : String(row[i])))].join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}
