/**
 * The RPC endpoints of one host: XML-RPC (`/`, `/RPC2`, any longer path by longest prefix), JSON-RPC v1/v2
 * (`/jsonrpc`) and legacy JSON (`/json`). Turns a request body into an HTTP response, transport rules included.
 */
import type { Engine } from '../api/engine.js';
import { dispatch } from '../api/dispatcher.js';
import { decodeJsonRpcCall, encodeJsonRpcFailure, encodeJsonRpcSuccess, encodeLegacyJsonFailure, encodeLegacyJsonSuccess, JsonRpcMalformed } from '../wire/jsonrpc-codec.js';
import { decodeXmlRpcCall, encodeXmlRpcBare, encodeXmlRpcFailure, encodeXmlRpcSuccess } from '../wire/xmlrpc-codec.js';

export type RpcKind = 'xmlrpc' | 'jsonrpc' | 'json';

export interface HttpReply { status: number; contentType: string; body: string }

/** Longest-prefix routes of the RPC handlers (ocaml/libs/http-lib/http_svr.ml radix tree). */
export const RPC_ROUTES: ReadonlyArray<[prefix: string, kind: RpcKind]> = [
  ['/jsonrpc', 'jsonrpc'],
  ['/RPC2', 'xmlrpc'],
  ['/json', 'json'],
  ['/', 'xmlrpc'],
];

export const errorPage = (status: number, title: string, detail: string): HttpReply => ({
  status,
  contentType: 'text/html',
  body: `<html><body><h1>HTTP ${status} ${title}</h1>${detail.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</body></html>`,
});

/** Handles one RPC POST body for `kind` on host `hostRef`. */
export async function handleRpc(engine: Engine, hostRef: string, kind: RpcKind, body: string): Promise<HttpReply> {
  if (kind === 'xmlrpc') {
    let call;
    try {
      call = decodeXmlRpcCall(body);
    } catch (e) {
      return errorPage(500, 'Internal Server Error', `Xmlrpc.Parse_error: ${(e as Error).message}`);
    }
    const out = await dispatch(engine, hostRef, call.method, call.params);
    const xml = !out.ok
      ? encodeXmlRpcFailure(out.error)
      : out.bare
        ? encodeXmlRpcBare(out.value, out.type, engine.recordTypes)
        : encodeXmlRpcSuccess(out.value, out.type, engine.recordTypes);
    return { status: 200, contentType: 'text/xml', body: xml };
  }
  let call;
  try {
    call = decodeJsonRpcCall(body);
  } catch (e) {
    if (e instanceof JsonRpcMalformed) return errorPage(500, 'Internal Server Error', e.message);
    throw e;
  }
  const out = await dispatch(engine, hostRef, call.method, call.params);
  const json =
    kind === 'json'
      ? out.ok ? (out.bare ? JSON.stringify(out.value) : encodeLegacyJsonSuccess(out.value)) : encodeLegacyJsonFailure(out.error)
      : out.ok ? encodeJsonRpcSuccess(call, out.value) : encodeJsonRpcFailure(call, out.error);
  return { status: 200, contentType: 'application/json', body: json };
}
