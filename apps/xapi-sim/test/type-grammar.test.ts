import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  coerceFromDb,
  emptyValue,
  formatXapiDateTime,
  formatXapiType,
  parseSExpr,
  parseXapiDateTime,
  parseXapiDefault,
  parseXapiType,
  type XapiType,
} from '#sim/model/type-grammar.js';

const schemaPath = fileURLToPath(new URL('../src/model/schema.gen.json', import.meta.url));

describe('parseXapiType', () => {
  it('parses scalars, refs, enums, records', () => {
    expect(parseXapiType('string')).toEqual({ kind: 'string' });
    expect(parseXapiType('datetime')).toEqual({ kind: 'datetime' });
    expect(parseXapiType('VM ref')).toEqual({ kind: 'ref', cls: 'VM' });
    expect(parseXapiType('enum vm_power_state')).toEqual({ kind: 'enum', name: 'vm_power_state' });
    expect(parseXapiType('host_metrics record')).toEqual({ kind: 'record', cls: 'host_metrics' });
  });

  it('parses nested sets and maps', () => {
    expect(parseXapiType('VM ref set')).toEqual({ kind: 'set', of: { kind: 'ref', cls: 'VM' } });
    expect(parseXapiType('string set set')).toEqual({ kind: 'set', of: { kind: 'set', of: { kind: 'string' } } });
    expect(parseXapiType('(VM ref -> string) map')).toEqual({
      kind: 'map',
      key: { kind: 'ref', cls: 'VM' },
      value: { kind: 'string' },
    });
    expect(parseXapiType('(string -> (string -> string) map) map')).toEqual({
      kind: 'map',
      key: { kind: 'string' },
      value: { kind: 'map', key: { kind: 'string' }, value: { kind: 'string' } },
    });
    expect(parseXapiType('(int -> string set) map')).toEqual({
      kind: 'map',
      key: { kind: 'int' },
      value: { kind: 'set', of: { kind: 'string' } },
    });
    expect(parseXapiType('(enum vm_operations -> string) map')).toMatchObject({ key: { kind: 'enum' } });
  });

  it('maps the specials', () => {
    expect(parseXapiType('void')).toEqual({ kind: 'string', special: 'void' });
    expect(parseXapiType('an event batch')).toEqual({ kind: 'record', cls: 'event_batch', special: 'event-batch' });
    expect(parseXapiType('event record set')).toEqual({ kind: 'set', of: { kind: 'record', cls: 'event' } });
    expect(parseXapiType('<class> record')).toEqual({ kind: 'record', cls: '*' });
    expect(parseXapiType('string option')).toEqual({ kind: 'string', optional: true });
    expect(parseXapiType('sr_stat record option')).toEqual({ kind: 'record', cls: 'sr_stat', optional: true });
  });

  it('rejects what is outside the grammar', () => {
    for (const bad of ['', 'VM', 'VM reff', '(string -> string)', '(string string) map', 'string set extra']) {
      expect(() => parseXapiType(bad), bad).toThrow(/bad XAPI type/);
    }
  });

  it('formats back to the same string', () => {
    for (const s of ['(VM ref -> (string -> string) map) map', 'an event batch', 'void', '<class> record', 'string option']) {
      expect(formatXapiType(parseXapiType(s))).toBe(s);
    }
  });
});

/** Every distinct (type, default) pair in xenapi.json at the time of writing, with the expected JS value. */
const DEFAULTS: Array<[string, string, unknown]> = [
  ['string', '""', ''],
  ['string', '"()"', '()'],
  ['string', '"0"', '0'],
  ['string', '"0:0"', '0:0'],
  ['string', '"1.0"', '1.0'],
  ['string', '"UTC"', 'UTC'],
  ['string', '"corosync"', 'corosync'],
  ['int', '-1', -1],
  ['int', '0', 0],
  ['int', '1', 1],
  ['int', '1500', 1500],
  ['int', '2', 2],
  ['int', '21474836480', 21474836480],
  ['int', '300', 300],
  ['int', '50', 50],
  ['int', '7', 7],
  ['int', '8', 8],
  ['float', '-1.', -1],
  ['float', '0.', 0],
  ['float', '1.', 1],
  ['float', '20.', 20],
  ['bool', 'false', false],
  ['bool', 'true', true],
  ['datetime', '19700101T00:00:00Z', new Date(0)],
  ['Bond ref', 'Null', 'OpaqueRef:NULL'],
  ['VDI ref', 'OpaqueRef:NULL', 'OpaqueRef:NULL'],
  ['enum vm_power_state', 'Halted', 'Halted'],
  ['enum ip_configuration_mode', 'None', 'None'],
  ['enum host_ntp_mode', 'Factory', 'Factory'],
  ['enum bond_mode', 'balance-slb', 'balance-slb'],
  ['enum domain_type', 'unspecified', 'unspecified'],
  ['(string -> string) map', '{"active" -> "false"}', { active: 'false' }],
  ['(string -> string) map', '{"address" -> "localhost", "port" -> "27000"}', { address: 'localhost', port: '27000' }],
  ['(string -> string) map', '{("k", "v w"), ("x", "")}', { k: 'v w', x: '' }],
  ['int set', '{0}', [0]],
  ['role ref set', '{OpaqueRef:0165f154-ba3e-034e-6b27-5d271af109ba}', ['OpaqueRef:0165f154-ba3e-034e-6b27-5d271af109ba']],
  ['(VGPU_type ref -> int) map', '{}', {}],
  ['(enum vm_operations -> string) map', '{}', {}],
  ['string set', '{}', []],
  ['(int -> string set) map', '{(0, {"a", "b"})}', { 0: ['a', 'b'] }],
];

describe('parseXapiDefault', () => {
  it.each(DEFAULTS)('%s default %s', (type, raw, expected) => {
    expect(parseXapiDefault(parseXapiType(type), raw)).toEqual(expected);
  });

  it('rejects a value of the wrong shape', () => {
    expect(() => parseXapiDefault(parseXapiType('int'), 'abc')).toThrow();
    expect(() => parseXapiDefault(parseXapiType('bool'), '1')).toThrow();
    expect(() => parseXapiDefault(parseXapiType('string'), '{}')).toThrow();
    expect(() => parseXapiDefault(parseXapiType('(string -> string) map'), '{"a"}')).toThrow();
  });
});

describe('emptyValue', () => {
  it('gives the neutral value per kind', () => {
    const e = (s: string, values?: string[]): unknown => emptyValue(parseXapiType(s), values);
    expect(e('string')).toBe('');
    expect(e('int')).toBe(0);
    expect(e('float')).toBe(0);
    expect(e('bool')).toBe(false);
    expect(e('datetime')).toEqual(new Date(0));
    expect(e('SR ref')).toBe('OpaqueRef:NULL');
    expect(e('VM ref set')).toEqual([]);
    expect(e('(string -> string) map')).toEqual({});
    expect(e('enum vm_power_state', ['Halted', 'Paused'])).toBe('Halted');
    expect(e('enum vm_power_state')).toBe('');
  });
});

describe('datetimes', () => {
  it('reads and writes the XAPI form', () => {
    const d = parseXapiDateTime('20250319T04:16:24Z');
    expect(d.toISOString()).toBe('2025-03-19T04:16:24.000Z');
    expect(formatXapiDateTime(d)).toBe('20250319T04:16:24Z');
    expect(parseXapiDateTime('2025-03-19T04:16:24Z').getTime()).toBe(d.getTime());
    expect(parseXapiDateTime('20250319T05:16:24+01:00').getTime()).toBe(d.getTime());
    expect(() => parseXapiDateTime('yesterday')).toThrow();
  });
});

describe('coerceFromDb', () => {
  const c = (type: string, raw: string): unknown => coerceFromDb(parseXapiType(type), raw);

  it('reads scalars', () => {
    expect(c('int', '4077985792')).toBe(4077985792);
    expect(c('float', '1228497826.')).toBe(1228497826);
    expect(c('float', '0.25')).toBe(0.25);
    expect(c('bool', 'true')).toBe(true);
    expect(c('datetime', '20090123T12:18:41Z')).toEqual(new Date(Date.UTC(2009, 0, 23, 12, 18, 41)));
    expect(c('VM ref', '')).toBe('OpaqueRef:NULL');
    expect(c('string', 'a b')).toBe('a b');
  });

  it('reads S-expression sets and maps in both quote styles, with escapes', () => {
    expect(c('string set', '()')).toEqual([]);
    expect(c('string set', "('a' 'b c')")).toEqual(['a', 'b c']);
    expect(c('string set', '("Do not delete" "boned")')).toEqual(['Do not delete', 'boned']);
    expect(c('(string -> string) map', "(('k1' 'v1') ('k2' 'it\\'s'))")).toEqual({ k1: 'v1', k2: "it's" });
    expect(c('(string -> string) map', '(("name" "C:\\\\WINDOWS"))')).toEqual({ name: 'C:\\WINDOWS' });
    expect(c('(int -> float) map', "(('0' '0.5'))")).toEqual({ 0: 0.5 });
    expect(c('enum vm_operations set', '("start" "clone")')).toEqual(['start', 'clone']);
  });

  it('reads a nested collection stored either as a list or as an atom holding one', () => {
    expect(c('(int -> string set) map', "(('0' ('fpu' 'vme')))")).toEqual({ 0: ['fpu', 'vme'] });
    expect(c('(int -> string set) map', "(('0' '(\\'fpu\\' \\'vme\\')'))")).toEqual({ 0: ['fpu', 'vme'] });
  });

  it('rejects malformed cells', () => {
    expect(() => c('string set', "('a'")).toThrow();
    expect(() => c('(string -> string) map', "(('a'))")).toThrow();
    expect(() => c('int', 'x')).toThrow();
    expect(() => parseSExpr("('a') extra")).toThrow();
  });
});

// Data-driven over the generated schema (produced by core's generator from ../shared/xapi/xenapi.json).
describe.skipIf(!existsSync(schemaPath))('every type and default in schema.gen.json (skipped only until src/model/schema.gen.json is generated)', () => {
  interface FieldFact {
    type: string;
    default?: string;
  }
  const schema = existsSync(schemaPath)
    ? (JSON.parse(readFileSync(schemaPath, 'utf8')) as { classes: Record<string, { fields: Record<string, FieldFact>; messages?: unknown }> })
    : { classes: {} };

  const messageTypes = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string' && (key === 'type' || key === 'result')) messageTypes.add(v);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, key === 'result' && i === 0 ? 'result' : undefined));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };

  it('parses and round-trips every field type, parses every default', () => {
    let fields = 0;
    let defaults = 0;
    for (const [cls, c] of Object.entries(schema.classes)) {
      for (const [name, f] of Object.entries(c.fields)) {
        const t: XapiType = parseXapiType(f.type);
        expect(formatXapiType(t), `${cls}.${name}`).toBe(f.type);
        fields++;
        if (f.default !== undefined) {
          expect(() => parseXapiDefault(t, f.default!), `${cls}.${name} = ${f.default}`).not.toThrow();
          defaults++;
        }
      }
      walk(c.messages);
    }
    expect(fields).toBeGreaterThan(500);
    expect(defaults).toBeGreaterThan(300);
  });

  it('parses every message parameter and result type', () => {
    for (const t of messageTypes) {
      // Message docs sometimes sit beside types; only strings that look like types must parse.
      if (/^[\w<>() ->]+$/.test(t)) expect(() => parseXapiType(t), t).not.toThrow();
    }
  });
});
