import { fieldKinds } from '../../shared/xapi/fields.gen.js';
import { normalizeDatetime } from './normalize-record.js';

/** The one empty set every record shares (frozen: a record is never mutated, and a shared one must not be). */
const emptySet: readonly never[] = Object.freeze([]);
/** The one empty map every record shares. */
const emptyMap: Readonly<Record<string, never>> = Object.freeze({});

const refPrefix = 'OpaqueRef:';

function isRef(value: string): boolean {
  // 'O' first: most strings fail on their first character.
  return value.charCodeAt(0) === 79 && value.length > refPrefix.length && value.startsWith(refPrefix);
}

function isEmpty(map: object): boolean {
  for (const _key in map) return false;
  return true;
}

/**
 * Brings records to the mirror's shape in place and stores them compactly. Normalised as before
 * (`normalizeRecord`): ints and floats as numbers, datetimes as ISO strings, numeric maps with numbers. Compact:
 * every ref is one shared string (a 10,000-VM pool names each of its ~100,000 refs about five times), every empty
 * set and map is one shared frozen value (a VM has some thirty), and the record stays the object `JSON.parse`
 * made, whose field names V8 keeps once per class (in its hidden class) rather than once per record. A record
 * built field by field instead turns into a per-record dictionary past a dozen fields, three times the size.
 */
export class RecordCompactor {
  readonly #refs = new Map<string, string>();

  /** How many distinct refs are held. */
  get refCount(): number {
    return this.#refs.size;
  }

  /** The shared copy of a ref string. */
  ref(value: string): string {
    const known = this.#refs.get(value);
    if (known !== undefined) return known;
    this.#refs.set(value, value);
    return value;
  }

  /**
   * Forgets a ref once its object is gone, so refs of objects that come and go (tasks, alerts) do not pile up.
   * Records that still name it keep their copy: only the sharing is lost, never a value.
   */
  forget(ref: string): void {
    this.#refs.delete(ref);
  }

  /** Normalises and compacts a freshly parsed record of `type` in place, and returns it. */
  adopt(type: string, record: Record<string, unknown>): Record<string, unknown> {
    const kinds = fieldKinds[type];
    for (const field in record) {
      const value = record[field];
      switch (kinds?.[field]) {
        case 'i':
        case 'f':
          if (typeof value !== 'number') record[field] = Number(value);
          break;
        case 'd':
          // JSON-RPC's `20250319T04:16:24Z` (or XML-RPC's Date) → ISO; an ISO string is kept as it is.
          if (typeof value !== 'string' || value.charCodeAt(4) !== 45) record[field] = normalizeDatetime(value);
          break;
        case 'Mi':
        case 'Mf':
          record[field] = this.#numericMap(value);
          break;
        case 'S':
          record[field] = Array.isArray(value) ? this.#set(value) : emptySet;
          break;
        default:
          record[field] = this.#value(value);
      }
    }
    return record;
  }

  /** Any other value: a ref shared, a set or map compacted, anything else as it is. */
  #value(value: unknown): unknown {
    if (typeof value === 'string') return isRef(value) ? this.ref(value) : value;
    if (Array.isArray(value)) return this.#set(value);
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) return this.#map(value as Record<string, unknown>);
    return value;
  }

  #set(values: unknown[]): readonly unknown[] {
    if (values.length === 0) return emptySet;
    for (let i = 0; i < values.length; i++) {
      const item = values[i];
      if (typeof item === 'string' && isRef(item)) values[i] = this.ref(item);
    }
    return values;
  }

  #map(map: Record<string, unknown>): Readonly<Record<string, unknown>> {
    if (isEmpty(map)) return emptyMap;
    for (const key in map) {
      const item = map[key];
      if (typeof item === 'string' && isRef(item)) map[key] = this.ref(item);
    }
    return map;
  }

  #numericMap(value: unknown): Readonly<Record<string, unknown>> {
    const map = (value ?? {}) as Record<string, unknown>;
    if (isEmpty(map)) return emptyMap;
    for (const key in map) if (typeof map[key] !== 'number') map[key] = Number(map[key]);
    return map;
  }
}
