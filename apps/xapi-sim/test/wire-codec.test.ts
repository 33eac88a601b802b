import { describe, expect, it } from 'vitest';
import { decodeXmlRpcCall, encodeXmlRpcFailure, encodeXmlRpcSuccess, formatG16 } from '#sim/wire/xmlrpc-codec.js';
import { decodeJsonRpcCall, encodeJsonRpcFailure, encodeJsonRpcSuccess } from '#sim/wire/jsonrpc-codec.js';
import { formatXapiDate } from '#sim/wire/datetime.js';
import { T } from '#sim/wire/wire-type.js';

const noRecords = () => ({});

describe('XML-RPC codec', () => {
  it('decodes untyped, typed, array and struct params', () => {
    const call = decodeXmlRpcCall(`<?xml version="1.0"?><methodCall><methodName>event.from</methodName><params>
      <param><value>OpaqueRef:a&amp;b</value></param>
      <param><value><array><data><value><string>*</string></value></data></array></value></param>
      <param><value><double>60.1</double></value></param>
      <param><value><struct><member><name>k</name><value><i4>7</i4></value></member></struct></value></param>
      <param><value><boolean>1</boolean></value></param>
      <param><value><dateTime.iso8601>20250319T04:16:24Z</dateTime.iso8601></value></param>
    </params></methodCall>`);
    expect(call.method).toBe('event.from');
    expect(call.params.slice(0, 5)).toEqual(['OpaqueRef:a&b', ['*'], 60.1, { k: 7 }, true]);
    expect((call.params[5] as Date).toISOString()).toBe('2025-03-19T04:16:24.000Z');
  });

  it('rejects malformed documents', () => {
    expect(() => decodeXmlRpcCall('<methodCall><methodName>x</methodName>')).toThrow();
    expect(() => decodeXmlRpcCall('not xml')).toThrow();
  });

  it('encodes ints as untyped strings, i4 typed, doubles %.16g, datetimes, and Status envelopes', () => {
    const xml = encodeXmlRpcSuccess(
      { a: 123, b: 5, c: 0.5, d: new Date(Date.UTC(2025, 2, 19, 4, 16, 24)), e: true, f: ['x'] },
      T.struct({ a: T.int, b: T.i4, c: T.float, d: T.datetime, e: T.bool, f: T.setOf(T.string) }),
      noRecords,
    );
    expect(xml).toContain('<member><name>Status</name><value>Success</value></member>');
    expect(xml).toContain('<name>a</name><value>123</value>');
    expect(xml).toContain('<name>b</name><value><i4>5</i4></value>');
    expect(xml).toContain('<name>c</name><value><double>0.5</double></value>');
    expect(xml).toContain('<dateTime.iso8601>20250319T04:16:24Z</dateTime.iso8601>');
    expect(xml).toContain('<boolean>1</boolean>');
    expect(xml).not.toContain('<fault>');
    expect(encodeXmlRpcFailure(['HANDLE_INVALID', 'VM', 'x<'])).toContain('<name>ErrorDescription</name><value><array><data><value>HANDLE_INVALID</value><value>VM</value><value>x&lt;</value>');
    expect(formatG16(1)).toBe('1');
    expect(formatG16(0.1)).toBe('0.1');
    expect(formatG16(60.1)).toBe('60.1');
    expect(formatXapiDate(new Date(0))).toBe('19700101T00:00:00Z');
  });
});

describe('JSON-RPC codec', () => {
  it('answers v1 and v2 in their own envelopes', () => {
    const v2 = decodeJsonRpcCall('{"jsonrpc":"2.0","id":0,"method":"m","params":[1]}');
    expect(v2.version).toBe('2.0');
    expect(JSON.parse(encodeJsonRpcSuccess(v2, { n: 1 }))).toEqual({ jsonrpc: '2.0', result: { n: 1 }, id: 0 });
    expect(JSON.parse(encodeJsonRpcFailure(v2, ['SESSION_INVALID', 'x']))).toEqual({
      jsonrpc: '2.0', error: { code: 1, message: 'SESSION_INVALID', data: ['x'] }, id: 0,
    });
    const v1 = decodeJsonRpcCall('{"id":"a","method":"m","params":[]}');
    expect(JSON.parse(encodeJsonRpcFailure(v1, ['X', 'y']))).toEqual({ result: null, error: ['X', 'y'], id: 'a' });
    expect(JSON.parse(encodeJsonRpcSuccess(v1, new Date(0)))).toEqual({ result: '19700101T00:00:00Z', error: null, id: 'a' });
  });

  it('refuses notifications and non-array params', () => {
    expect(() => decodeJsonRpcCall('{"method":"m","params":[]}')).toThrow();
    expect(() => decodeJsonRpcCall('{"method":"m","params":{},"id":1}')).toThrow();
  });
});
