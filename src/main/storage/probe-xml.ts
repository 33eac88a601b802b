/**
 * Readers for the XML documents SM drivers answer probes with — the details of SR_BACKEND_FAILURE_96 (a portal's
 * targets), 107 (a target's LUNs) and 101 (an NFS server's exports), and SR.probe's `<SRlist>`. The documents are
 * small and flat (Python's minidom output, values on their own lines), so a tolerant element reader is enough;
 * nothing here throws on odd input: what cannot be read is left out.
 */

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => entities[entity] ?? entity);
}

/** The contents of every `<tag>…</tag>` in `xml`, in order (no nesting of the same tag). */
function elements(xml: string, tag: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  for (const match of xml.matchAll(pattern)) out.push(match[1] ?? '');
  return out;
}

/** The trimmed text of the first `<tag>` in `block`, or '' when there is none. */
function text(block: string, tag: string): string {
  const [first] = elements(block, tag);
  return first === undefined ? '' : unescapeXml(first.trim());
}

const number = (value: string): number => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};

/** The IQNs of a portal (SR_BACKEND_FAILURE_96), without SM's `*` (all of them) entry. */
export function parseTargets(xml: string): { iqn: string; address: string }[] {
  return elements(xml, 'TGT')
    .map((block) => ({ iqn: text(block, 'TargetIQN'), address: text(block, 'IPAddress') }))
    .filter((target) => target.iqn !== '' && target.iqn !== '*');
}

/** The LUNs of a target (SR_BACKEND_FAILURE_107). */
export function parseLuns(xml: string): { scsiId: string; lunId: number; size: number; vendor: string; serial: string }[] {
  return elements(xml, 'LUN')
    .map((block) => ({ scsiId: text(block, 'SCSIid'), lunId: number(text(block, 'LUNid')), size: number(text(block, 'size')), vendor: text(block, 'vendor'), serial: text(block, 'serial') }))
    .filter((lun) => lun.scsiId !== '');
}

/** The exports of an NFS server (SR_BACKEND_FAILURE_101). */
export function parseExports(xml: string): { path: string }[] {
  return elements(xml, 'Export')
    .map((block) => ({ path: text(block, 'Path') }))
    .filter((entry) => entry.path !== '');
}

/** The SRs of SR.probe's `<SRlist>`. */
export function parseSrList(xml: string): { uuid: string; size: number | null }[] {
  return elements(xml, 'SR')
    .map((block) => {
      const size = text(block, 'Size');
      return { uuid: text(block, 'UUID'), size: size === '' ? null : number(size) };
    })
    .filter((sr) => sr.uuid !== '');
}
