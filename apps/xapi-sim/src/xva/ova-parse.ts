/** Reads an `ova.xml` (the XML-RPC value `{version, objects}`) into plain objects. */
import { decodeXmlValue } from '../wire/xmlrpc-codec.js';
import { parseXml } from '../wire/xml-parse.js';

export interface OvaObject { cls: string; id: string; snapshot: Record<string, unknown> }
export interface OvaHeader { version: Record<string, unknown>; exportVsn: number; objects: OvaObject[] }

export class OvaFormatError extends Error {}

export function parseOvaXml(xml: string): OvaHeader {
  let value: unknown;
  try {
    const root = parseXml(xml);
    if (root.name !== 'value') throw new OvaFormatError(`ova.xml root is <${root.name}>, not <value>`);
    value = decodeXmlValue(root);
  } catch (e) {
    if (e instanceof OvaFormatError) throw e;
    throw new OvaFormatError(`ova.xml does not parse: ${(e as Error).message}`);
  }
  const top = value as { version?: Record<string, unknown>; objects?: unknown };
  if (!top || typeof top !== 'object' || !top.version || !Array.isArray(top.objects)) throw new OvaFormatError('ova.xml lacks version or objects');
  const objects = top.objects.map((o, i) => {
    const x = o as { class?: unknown; id?: unknown; snapshot?: unknown };
    if (typeof x?.class !== 'string' || typeof x.id !== 'string' || !x.snapshot || typeof x.snapshot !== 'object') {
      throw new OvaFormatError(`ova.xml object ${i} lacks class, id or snapshot`);
    }
    return { cls: x.class, id: x.id, snapshot: x.snapshot as Record<string, unknown> };
  });
  return { version: top.version, exportVsn: Number(top.version.export_vsn ?? 0), objects };
}
