/** One cell as a person reads it: text as is, lists joined, anything else as compact JSON. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.join(',');
  return JSON.stringify(value);
}

/** A plain text table: a header, then one row per record, columns padded (the last one not). */
export function table(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string {
  if (rows.length === 0) return '';
  const cells = rows.map((row) => columns.map((column) => cell(row[column]).replace(/\s+/g, ' ')));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const line = (values: readonly string[]) => values.map((value, index) => (index === values.length - 1 ? value : value.padEnd(widths[index]!))).join('  ').trimEnd();
  return `${[line(columns.map((column) => column.toUpperCase())), ...cells.map(line)].join('\n')}\n`;
}

/** Every key the records have, in first-seen order. */
export function columnsOf(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A method's output for people: a table for a list of records, `key  value` lines for a record. */
export function humanOutput(output: unknown): string {
  if (Array.isArray(output)) {
    if (output.length === 0) return '(none)\n';
    if (output.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
      const rows = output as Record<string, unknown>[];
      return table(rows, columnsOf(rows));
    }
    return `${output.map(cell).join('\n')}\n`;
  }
  if (typeof output === 'object' && output !== null) {
    const entries = Object.entries(output);
    const width = Math.max(0, ...entries.map(([key]) => key.length));
    return entries.map(([key, value]) => `${key.padEnd(width)}  ${cell(value)}`).join('\n') + '\n';
  }
  return `${cell(output)}\n`;
}

/** Machine output: indented JSON. */
export function jsonOutput(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
