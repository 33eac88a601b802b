/** XML-RPC as xapi speaks it (ocaml-rpc xmlrpc.ml): requests in, Status/Value envelopes out, never a <fault>. */
import { formatXapiDate, parseXapiDate } from './datetime.js';
import { parseXml, XmlParseError, type XmlElement } from './xml-parse.js';
import type { RecordTypeResolver, WireType } from './wire-type.js';

export interface RpcCall { method: string; params: unknown[] }

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `%.16g`, as OCaml prints XML-RPC doubles. */
export function formatG16(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 16) {
    const [m = '', e = ''] = n.toExponential(15).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const ev = Number(e);
    return `${mant}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  const s = n.toPrecision(16);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

const only = (el: XmlElement, name: string): XmlElement => {
  const c = el.children.find((x) => x.name === name);
  if (!c) throw new XmlParseError(`<${el.name}> lacks <${name}>`);
  return c;
};

/** Decodes one `<value>`: untyped and <string> → string, ints/doubles → number, dateTime → Date. */
export function decodeXmlValue(v: XmlElement): unknown {
  const inner = v.children[0];
  if (!inner) return v.text;
  const t = inner.text;
  switch (inner.name) {
    case 'string': return t;
    case 'i4': case 'int': case 'i8': {
      if (!/^\s*[+-]?\d+\s*$/.test(t)) throw new XmlParseError(`bad integer ${t}`);
      return Number(t);
    }
    case 'double': {
      const n = Number(t);
      if (t.trim() === '' || Number.isNaN(n)) throw new XmlParseError(`bad double ${t}`);
      return n;
    }
    case 'boolean': return t.trim() === '1' || t.trim() === 'true';
    case 'dateTime.iso8601': {
      const d = parseXapiDate(t);
      if (!d) throw new XmlParseError(`bad dateTime ${t}`);
      return d;
    }
    case 'base64': return Buffer.from(t, 'base64').toString('utf8');
    case 'nil': return null;
    case 'array': return only(inner, 'data').children.filter((c) => c.name === 'value').map(decodeXmlValue);
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const m of inner.children) {
        if (m.name !== 'member') continue;
        out[only(m, 'name').text] = decodeXmlValue(only(m, 'value'));
      }
      return out;
    }
    default: throw new XmlParseError(`unknown value type <${inner.name}>`);
  }
}

/** Parses a `<methodCall>` document. Throws XmlParseError on anything malformed. */
export function decodeXmlRpcCall(body: string): RpcCall {
  const root = parseXml(body);
  if (root.name !== 'methodCall') throw new XmlParseError('not a methodCall');
  const method = only(root, 'methodName').text.trim();
  const paramsEl = root.children.find((c) => c.name === 'params');
  const params = paramsEl ? paramsEl.children.filter((c) => c.name === 'param').map((p) => decodeXmlValue(only(p, 'value'))) : [];
  return { method, params };
}

/** Infers an encoding for values with no declared type. */
function inferType(v: unknown): WireType {
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int' } : { kind: 'float' };
  if (v instanceof Date) return { kind: 'datetime' };
  if (Array.isArray(v)) return { kind: 'set', of: { kind: 'any' } };
  if (v !== null && typeof v === 'object') return { kind: 'map', key: { kind: 'string' }, value: { kind: 'any' } };
  return { kind: 'string' };
}

/** Encodes a JS value as an XML-RPC `<value>` following its XAPI type. */
export function encodeXmlValue(v: unknown, type: WireType, records: RecordTypeResolver): string {
  switch (type.kind) {
    case 'any': return encodeXmlValue(v, inferType(v), records);
    case 'void': return '<value></value>';
    case 'string': case 'ref': case 'enum': return `<value>${escapeXml(v === undefined || v === null ? '' : String(v))}</value>`;
    case 'int': return `<value>${Math.trunc(Number(v ?? 0))}</value>`;
    case 'i4': return `<value><i4>${Math.trunc(Number(v ?? 0))}</i4></value>`;
    case 'float': return `<value><double>${formatG16(Number(v ?? 0))}</double></value>`;
    case 'bool': return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
    case 'datetime': {
      const s = v instanceof Date ? formatXapiDate(v) : typeof v === 'string' ? v : formatXapiDate(new Date(0));
      return `<value><dateTime.iso8601>${s}</dateTime.iso8601></value>`;
    }
    case 'set': {
      const items = Array.isArray(v) ? v : [];
      return `<value><array><data>${items.map((x) => encodeXmlValue(x, type.of, records)).join('')}</data></array></value>`;
    }
    case 'map': {
      const obj = (v ?? {}) as Record<string, unknown>;
      const members = Object.entries(obj).map(([k, x]) => `<member><name>${escapeXml(k)}</name>${encodeXmlValue(x, type.value, records)}</member>`);
      return `<value><struct>${members.join('')}</struct></value>`;
    }
    case 'record': return encodeXmlValue(v, { kind: 'struct', fields: records(type.cls) }, records);
    case 'event': {
      const cls = String((v as { class?: unknown } | null)?.class ?? '');
      const s: WireType = { kind: 'string' };
      return encodeXmlValue(v, { kind: 'struct', fields: { id: s, timestamp: s, class: s, operation: s, ref: s, snapshot: { kind: 'record', cls } } }, records);
    }
    case 'struct': {
      const obj = (v ?? {}) as Record<string, unknown>;
      const members = Object.entries(obj)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `<member><name>${escapeXml(k)}</name>${encodeXmlValue(x, type.fields[k] ?? { kind: 'any' }, records)}</member>`);
      return `<value><struct>${members.join('')}</struct></value>`;
    }
  }
}

const wrap = (inner: string): string =>
  `<?xml version="1.0"?><methodResponse><params><param>${inner}</param></params></methodResponse>`;

/** `{Status: Success, Value}` response. */
export function encodeXmlRpcSuccess(value: unknown, type: WireType, records: RecordTypeResolver): string {
  return wrap(`<value><struct><member><name>Status</name><value>Success</value></member><member><name>Value</name>${encodeXmlValue(value, type, records)}</member></struct></value>`);
}

/** `{Status: Failure, ErrorDescription: [code, params…]}` response. */
export function encodeXmlRpcFailure(description: string[]): string {
  const arr = description.map((s) => `<value>${escapeXml(s)}</value>`).join('');
  return wrap(`<value><struct><member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name><value><array><data>${arr}</data></array></value></member></struct></value>`);
}

/** A bare value with no Status wrapper (system.listMethods). */
export function encodeXmlRpcBare(value: unknown, type: WireType, records: RecordTypeResolver): string {
  return wrap(encodeXmlValue(value, type, records));
}
