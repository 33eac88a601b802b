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

function mapValues(value: unknown, convert: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>)) out[key] = convert(item);
  return out;
}

/**
 * Brings a raw record to one shape whichever transport fetched it: XML-RPC gives ints as strings and
 * datetimes as Dates, JSON-RPC gives numbers and `YYYYMMDDTHH:MM:SSZ` strings.
 */
export function normalizeRecord(type: string, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kinds = fieldKinds[type];
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (field.startsWith('$')) continue;
    switch (kinds?.[field]) {
      case 'i':
      case 'f':
        out[field] = toNumber(value);
        break;
      case 'd':
        out[field] = normalizeDatetime(value);
        break;
      case 'Mi':
      case 'Mf':
        out[field] = mapValues(value, toNumber);
        break;
      case 'S':
        out[field] = Array.isArray(value) ? [...value] : [];
        break;
      case 'M':
        out[field] = { ...(value as object) };
        break;
      default:
        out[field] = value;
    }
  }
  return out;
}
