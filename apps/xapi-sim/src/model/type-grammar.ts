/**
 * XAPI type strings (as written in xenapi.json) and the three textual value notations the simulator meets:
 * datamodel defaults (OCaml-ish, e.g. `{"k" -> "v"}`), database-dump cells (S-expressions, e.g. `(('k' 'v'))`)
 * and datetimes (`YYYYMMDDTHH:MM:SSZ`).
 *
 * JS value conventions: int/float → number, bool → boolean, datetime → Date, ref → 'OpaqueRef:…' string
 * ('OpaqueRef:NULL' for null), set → array, map → plain object with string keys, enum → string, record → object.
 *
 * Grammar: `string | int | float | bool | datetime | <Class> ref | <T> set | (<K> -> <V>) map | enum <name> |
 * <Class> record`, plus these specials found in message results (not in fields):
 * - `void` → `{kind:'string', special:'void'}` (XAPI sends void as "");
 * - `an event batch` (event.from) → `{kind:'record', cls:'event_batch', special:'event-batch'}`;
 * - `<class> record` (event.get_record/snapshot: a record of any class) → `{kind:'record', cls:'*'}`;
 * - `<T> option` (e.g. `string option`, `sr_stat record option`) → T with `optional: true`;
 * - `event record set`, `string set set`, `data_source record set` parse by the ordinary rules.
 */

/** Marks for types that came from a non-grammar special; ordinary types have neither. */
export interface XapiTypeMarks {
  /** `<T> option`: the value may be absent. */
  optional?: boolean;
  /** Which non-grammar special this type stands for. */
  special?: 'void' | 'event-batch';
}

export type XapiScalarKind = 'string' | 'int' | 'float' | 'bool' | 'datetime';

/** A parsed XAPI type. */
export type XapiType = XapiTypeMarks &
  (
    | { kind: XapiScalarKind }
    | { kind: 'ref'; cls: string }
    | { kind: 'enum'; name: string }
    | { kind: 'set'; of: XapiType }
    | { kind: 'map'; key: XapiType; value: XapiType }
    | { kind: 'record'; cls: string }
  );

/** The null reference. */
export const NULL_REF = 'OpaqueRef:NULL';

/** Thrown when a type string or a value notation cannot be read. */
export class XapiNotationError extends Error {
  override name = 'XapiNotationError';
}

const SCALARS: ReadonlySet<string> = new Set(['string', 'int', 'float', 'bool', 'datetime']);

// ---------------------------------------------------------------------------------------------------------------
// Type strings

function tokenizeType(s: string): string[] {
  return s.replace(/->/g, ' -> ').replace(/[()]/g, ' $& ').trim().split(/\s+/).filter(Boolean);
}

/** Parses a xenapi.json type string; throws XapiNotationError on anything outside the grammar. */
export function parseXapiType(s: string): XapiType {
  const text = s.trim();
  if (text === 'void') return { kind: 'string', special: 'void' };
  if (text === 'an event batch') return { kind: 'record', cls: 'event_batch', special: 'event-batch' };
  const tokens = tokenizeType(text);
  let pos = 0;
  const fail = (why: string): never => {
    throw new XapiNotationError(`bad XAPI type ${JSON.stringify(s)}: ${why}`);
  };
  const next = (): string => tokens[pos++] ?? fail('unexpected end');
  const expect = (t: string): void => {
    if (next() !== t) fail(`expected ${t}`);
  };

  const parseUnit = (): XapiType => {
    const t = next();
    if (t === '(') {
      const key = parseWithPostfix();
      expect('->');
      const value = parseWithPostfix();
      expect(')');
      expect('map');
      return { kind: 'map', key, value };
    }
    if (t === 'enum') return { kind: 'enum', name: next() };
    if (SCALARS.has(t)) return { kind: t as XapiScalarKind };
    const suffix = next();
    if (suffix === 'ref') return { kind: 'ref', cls: t };
    if (suffix === 'record') return { kind: 'record', cls: t === '<class>' ? '*' : t };
    return fail(`unknown type word ${t}`);
  };

  const parseWithPostfix = (): XapiType => {
    let t = parseUnit();
    while (tokens[pos] === 'set' || tokens[pos] === 'option') {
      t = tokens[pos++] === 'set' ? { kind: 'set', of: t } : { ...t, optional: true };
    }
    return t;
  };

  const result = parseWithPostfix();
  if (pos !== tokens.length) fail(`trailing ${tokens.slice(pos).join(' ')}`);
  return result;
}

/** Writes a type back in xenapi.json notation (inverse of parseXapiType). */
export function formatXapiType(t: XapiType): string {
  if (t.special === 'void') return 'void';
  if (t.special === 'event-batch') return 'an event batch';
  const opt = t.optional ? ' option' : '';
  switch (t.kind) {
    case 'ref':
      return `${t.cls} ref${opt}`;
    case 'record':
      return `${t.cls === '*' ? '<class>' : t.cls} record${opt}`;
    case 'enum':
      return `enum ${t.name}${opt}`;
    case 'set':
      return `${formatXapiType(t.of)} set${opt}`;
    case 'map':
      return `(${formatXapiType(t.key)} -> ${formatXapiType(t.value)}) map${opt}`;
    default:
      return `${t.kind}${opt}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Datetimes

const DATETIME = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads `YYYYMMDDTHH:MM:SSZ` (also the dashed ISO form and offsets); a missing zone means UTC, as in XAPI. */
export function parseXapiDateTime(s: string): Date {
  const m = DATETIME.exec(s.trim());
  if (!m) throw new XapiNotationError(`bad XAPI datetime ${JSON.stringify(s)}`);
  const [, y, mo, d, h, mi, se, zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (!zone || zone === 'Z') return new Date(utc);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return new Date(utc - sign * offsetMin * 60_000);
}

/** Writes a Date as XAPI does (`%04d%02d%02dT%02d:%02d:%02dZ`, UTC, whole seconds). */
export function formatXapiDateTime(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}Z`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scalars from text (shared by defaults and dump cells)

function scalarFromText(t: XapiType, text: string): unknown {
  switch (t.kind) {
    case 'string':
    case 'enum':
      return text;
    case 'int': {
      const n = Number(text.trim());
      if (!Number.isInteger(n)) throw new XapiNotationError(`bad int ${JSON.stringify(text)}`);
      return n;
    }
    case 'float': {
      const s = text.trim().toLowerCase();
      if (s === 'inf' || s === 'infinity') return Infinity;
      if (s === '-inf' || s === '-infinity') return -Infinity;
      if (s === 'nan' || s === '-nan') return NaN;
      const n = Number(s);
      if (s === '' || Number.isNaN(n)) throw new XapiNotationError(`bad float ${JSON.stringify(text)}`);
      return n;
    }
    case 'bool':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new XapiNotationError(`bad bool ${JSON.stringify(text)}`);
    case 'datetime':
      return parseXapiDateTime(text);
    case 'ref':
      return text === '' || text === 'Null' || text === 'NULL' ? NULL_REF : text;
    default:
      throw new XapiNotationError(`a ${formatXapiType(t)} cannot be written as a single atom`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Datamodel defaults: `""`, `"()"`, `0.`, `Null`, `{}`, `{0}`, `{OpaqueRef:…}`, `{"k" -> "v", …}`, `{("k", "v")}`

type DefaultNode = { atom: string } | { items: Array<DefaultNode | [DefaultNode, DefaultNode]> };

function parseDefaultNotation(raw: string): DefaultNode {
  let pos = 0;
  const fail = (why: string): never => {
    throw new XapiNotationError(`bad default ${JSON.stringify(raw)} at ${pos}: ${why}`);
  };
  const ws = (): void => {
    while (/\s/.test(raw[pos] ?? '')) pos++;
  };
  const atom = (): DefaultNode => {
    ws();
    if (raw[pos] === '"') {
      let out = '';
      pos++;
      while (pos < raw.length && raw[pos] !== '"') {
        if (raw[pos] === '\\') pos++;
        out += raw[pos++] ?? '';
      }
      if (raw[pos++] !== '"') fail('unterminated string');
      return { atom: out };
    }
    const start = pos;
    while (pos < raw.length && !/[\s,{}()]/.test(raw[pos]!) && !raw.startsWith('->', pos)) pos++;
    return { atom: raw.slice(start, pos) };
  };
  const value = (): DefaultNode => {
    ws();
    if (raw[pos] !== '{') return atom();
    pos++;
    const items: Array<DefaultNode | [DefaultNode, DefaultNode]> = [];
    ws();
    while (raw[pos] !== '}') {
      if (pos >= raw.length) fail('unterminated {');
      ws();
      if (raw[pos] === '(') {
        pos++;
        const k = value();
        ws();
        if (raw[pos++] !== ',') fail('expected , in pair');
        const v = value();
        ws();
        if (raw[pos++] !== ')') fail('expected ) after pair');
        items.push([k, v]);
      } else {
        const k = value();
        ws();
        if (raw.startsWith('->', pos)) {
          pos += 2;
          items.push([k, value()]);
        } else items.push(k);
      }
      ws();
      if (raw[pos] === ',' || raw[pos] === ';') pos++;
      ws();
    }
    pos++;
    return { items };
  };
  const node = value();
  ws();
  if (pos !== raw.length) fail('trailing text');
  return node;
}

function defaultFromNode(t: XapiType, node: DefaultNode | [DefaultNode, DefaultNode]): unknown {
  if (Array.isArray(node)) throw new XapiNotationError(`a pair where a ${formatXapiType(t)} was expected`);
  if ('atom' in node) return scalarFromText(t, node.atom);
  if (t.kind === 'set') return node.items.map((item) => defaultFromNode(t.of, item));
  if (t.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      if (!Array.isArray(item)) throw new XapiNotationError('a map default needs key/value pairs');
      out[mapKey(defaultFromNode(t.key, item[0]))] = defaultFromNode(t.value, item[1]);
    }
    return out;
  }
  if (t.kind === 'record' && node.items.length === 0) return {};
  throw new XapiNotationError(`a {…} default for a ${formatXapiType(t)}`);
}

function mapKey(k: unknown): string {
  return k instanceof Date ? formatXapiDateTime(k) : String(k);
}

/** Converts a xenapi.json `default` string for a field of type `type` into its JS value. */
export function parseXapiDefault(type: XapiType, raw: string): unknown {
  return defaultFromNode(type, parseDefaultNotation(raw));
}

// ---------------------------------------------------------------------------------------------------------------
// Values for fields without a default

/**
 * The value of a field the model gives no default for: '' / 0 / false / epoch / OpaqueRef:NULL / [] / {};
 * an enum takes its first value when the caller passes the enum's values, else ''.
 */
export function emptyValue(type: XapiType, enumValues?: readonly string[]): unknown {
  switch (type.kind) {
    case 'string':
      return '';
    case 'int':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'datetime':
      return new Date(0);
    case 'ref':
      return NULL_REF;
    case 'enum':
      return enumValues?.[0] ?? '';
    case 'set':
      return [];
    case 'map':
    case 'record':
      return {};
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Database cells: S-expressions with quoted atoms, e.g. `('a' 'b')`, `(('k' 'v'))`, `("k" "v")`

/** A parsed S-expression: an atom (string) or a list. */
export type SExpr = string | SExpr[];

/** Parses one S-expression as XAPI writes it (atoms in ' or ", backslash escapes; bare atoms tolerated). */
export function parseSExpr(raw: string): SExpr {
  let pos = 0;
  const fail = (why: string): never => {
    throw new XapiNotationError(`bad S-expression ${JSON.stringify(raw.slice(0, 80))} at ${pos}: ${why}`);
  };
  const ws = (): void => {
    while (/\s/.test(raw[pos] ?? '')) pos++;
  };
  const expr = (): SExpr => {
    ws();
    const c = raw[pos];
    if (c === '(') {
      pos++;
      const items: SExpr[] = [];
      for (ws(); raw[pos] !== ')'; ws()) {
        if (pos >= raw.length) fail('unterminated (');
        items.push(expr());
      }
      pos++;
      return items;
    }
    if (c === "'" || c === '"') {
      pos++;
      let out = '';
      while (pos < raw.length && raw[pos] !== c) {
        if (raw[pos] === '\\') pos++;
        out += raw[pos++] ?? '';
      }
      if (raw[pos++] !== c) fail('unterminated atom');
      return out;
    }
    const start = pos;
    while (pos < raw.length && !/[\s()'"]/.test(raw[pos]!)) pos++;
    if (start === pos) fail('expected an atom');
    return raw.slice(start, pos);
  };
  const result = expr();
  ws();
  if (pos !== raw.length) fail('trailing text');
  return result;
}

function fromSExpr(t: XapiType, e: SExpr): unknown {
  if (typeof e === 'string') return coerceFromDb(t, e);
  if (t.kind === 'set') return e.map((item) => fromSExpr(t.of, item));
  if (t.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const pair of e) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new XapiNotationError('map entry is not a pair');
      out[mapKey(fromSExpr(t.key, pair[0]!))] = fromSExpr(t.value, pair[1]!);
    }
    return out;
  }
  throw new XapiNotationError(`a list where a ${formatXapiType(t)} was expected`);
}

/**
 * Converts one database cell (already XML-decoded and whitespace-unprotected) to its JS value. Sets and maps are
 * S-expressions; a nested set/map may also be an atom holding its own S-expression, which is how XAPI stores them.
 */
export function coerceFromDb(type: XapiType, raw: string): unknown {
  if (type.kind === 'set' || type.kind === 'map') {
    if (raw.trim() === '') return type.kind === 'set' ? [] : {};
    return fromSExpr(type, parseSExpr(raw));
  }
  if (type.kind === 'record') throw new XapiNotationError('records are not stored in database cells');
  if (type.kind === 'datetime' && raw.trim() === '') return new Date(0);
  if ((type.kind === 'int' || type.kind === 'float') && raw.trim() === '') return 0;
  return scalarFromText(type, raw);
}
