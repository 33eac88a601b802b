import { fieldKinds } from '../../shared/xapi/fields.gen.js';

/** XAPI datetime on the wire (`20250319T04:16:24Z`) or a Date (XML-RPC client) → ISO 8601 string. */
export function normalizeDatetime(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  const text = String(value);
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2}):(\d{2}):(\d{2})Z?$/.exec(text);
  if (match) return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
  return text;
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Numeric map values as numbers; the same map when they already are (JSON-RPC). */
function numericMap(value: unknown): unknown {
  const map = (value ?? {}) as Record<string, unknown>;
  for (const item of Object.values(map)) {
    if (typeof item !== 'number') {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(map)) out[key] = toNumber(entry);
      return out;
    }
  }
  return map;
}

/**
 * Brings a raw record to one shape whichever transport fetched it: XML-RPC gives ints as strings and
 * datetimes as Dates, JSON-RPC gives numbers and `YYYYMMDDTHH:MM:SSZ` strings. Values already in the right
 * form (and the client's frozen sets and maps, which nobody mutates) are kept as they are: this runs for every
 * object of every pool, 50,000 at a time on a big pool's first sync.
 */
export function normalizeRecord(type: string, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kinds = fieldKinds[type];
  const out: Record<string, unknown> = {};
  for (const field in raw) {
    if (field.charCodeAt(0) === 36 /* $ */) continue;
    const value = raw[field];
    switch (kinds?.[field]) {
      case 'i':
      case 'f':
        out[field] = typeof value === 'number' ? value : Number(value);
        break;
      case 'd':
        out[field] = normalizeDatetime(value);
        break;
      case 'Mi':
      case 'Mf':
        out[field] = numericMap(value);
        break;
      case 'S':
        out[field] = Array.isArray(value) ? value : [];
        break;
      default:
        out[field] = value;
    }
  }
  return out;
}
