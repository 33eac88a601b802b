/** JSON-RPC v1/v2 as xapi speaks it (ocaml-rpc jsonrpc.ml, api_server_common.ml), plus the legacy `/json` form. */
import { formatXapiDate } from './datetime.js';

export type JsonRpcVersion = '1.0' | '2.0';
export interface JsonRpcCall { method: string; params: unknown[]; id: unknown; version: JsonRpcVersion }

export class JsonRpcMalformed extends Error {}

/** Parses and validates a request; `id` must be present and non-null (notifications are refused). */
export function decodeJsonRpcCall(body: string): JsonRpcCall {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw new JsonRpcMalformed(`Jsonrpc.Parse_error: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new JsonRpcMalformed('request is not an object');
  const r = parsed as Record<string, unknown>;
  if (typeof r.method !== 'string') throw new JsonRpcMalformed('Jsonrpc.Malformed_method_request: no method');
  if (r.id === undefined || r.id === null) throw new JsonRpcMalformed('Jsonrpc.Malformed_method_request: no id');
  const params = r.params === undefined ? [] : r.params;
  if (!Array.isArray(params)) throw new JsonRpcMalformed('Jsonrpc.Malformed_method_request: params is not an array');
  return { method: r.method, params, id: r.id, version: r.jsonrpc === '2.0' ? '2.0' : '1.0' };
}

/** Converts Dates to xapi datetime strings, recursively (everything else is already JSON-shaped). */
export function toJsonValue(v: unknown): unknown {
  if (v instanceof Date) return formatXapiDate(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonValue(x);
    return out;
  }
  return v === undefined ? '' : v;
}

export function encodeJsonRpcSuccess(call: Pick<JsonRpcCall, 'id' | 'version'>, value: unknown): string {
  const result = toJsonValue(value);
  return JSON.stringify(call.version === '2.0' ? { jsonrpc: '2.0', result, id: call.id } : { result, error: null, id: call.id });
}

export function encodeJsonRpcFailure(call: Pick<JsonRpcCall, 'id' | 'version'>, description: string[]): string {
  const [code = 'INTERNAL_ERROR', ...data] = description;
  return JSON.stringify(
    call.version === '2.0'
      ? { jsonrpc: '2.0', error: { code: 1, message: code, data }, id: call.id }
      : { result: null, error: description, id: call.id },
  );
}

/** Legacy `/json`: XML-RPC semantics (Status/Value envelope) in JSON encoding. */
export function encodeLegacyJsonSuccess(value: unknown): string {
  return JSON.stringify({ Status: 'Success', Value: toJsonValue(value) });
}

export function encodeLegacyJsonFailure(description: string[]): string {
  return JSON.stringify({ Status: 'Failure', ErrorDescription: description });
}
