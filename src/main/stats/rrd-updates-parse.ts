/**
 * Reads the JSON `rrd_updates` answer (`{meta:{step,end,legend}, data:[{t, values}]}`, rows newest first) into
 * columns oldest first. Handles what XAPI versions send: values as strings since xapi 23.31 (`"NaN"`,
 * `"Infinity"`), numbers before, and the older JSON5-like text with unquoted keys and bare NaN.
 */

/** One column of the legend, `AVERAGE:vm:<uuid>:cpu0`. */
export interface RrdColumn {
  readonly kind: string;
  readonly uuid: string;
  readonly name: string;
}

export interface RrdUpdates {
  readonly step: number;
  readonly columns: readonly RrdColumn[];
  /** Row times (epoch s), oldest first. */
  readonly times: readonly number[];
  /** One array per column, aligned with `times`; NaN where XAPI had no value. */
  readonly values: readonly Float32Array[];
}

/** Quotes unquoted keys and bare NaN/Infinity so JSON.parse reads the pre-23.31 output. */
function repairOldJson(text: string): string {
  return text
    .replace(/([{,]\s*)([A-Za-z_]\w*)\s*:/g, '$1"$2":')
    .replace(/([[,:]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '$1"$2"');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(repairOldJson(text));
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return Number.NaN;
}

function parseColumn(entry: unknown): RrdColumn {
  const parts = String(entry).split(':');
  // CF:kind:uuid:name — the name may itself hold colons.
  return { kind: parts[1] ?? '', uuid: parts[2] ?? '', name: parts.slice(3).join(':') };
}

/** Parses one answer; throws on a shape that is not rrd_updates. */
export function parseRrdUpdates(text: string): RrdUpdates {
  const body = parseJson(text) as { meta?: { step?: unknown; legend?: unknown }; data?: unknown };
  const step = toNumber(body.meta?.step);
  const legend = body.meta?.legend;
  if (!Number.isFinite(step) || step <= 0 || !Array.isArray(legend) || !Array.isArray(body.data)) throw new Error('Not an rrd_updates answer');
  const rows = (body.data as { t?: unknown; values?: unknown }[])
    .map((row) => ({ t: toNumber(row.t), values: Array.isArray(row.values) ? row.values : [] }))
    .filter((row) => Number.isFinite(row.t))
    .sort((a, b) => a.t - b.t);
  const columns = legend.map(parseColumn);
  const values = columns.map((_column, c) => Float32Array.from(rows, (row) => toNumber(row.values[c])));
  return { step, columns, times: rows.map((row) => row.t), values };
}
