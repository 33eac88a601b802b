/**
 * A minimal reader for attribute-only XML such as XAPI's database dump: yields each start/empty/end tag with its
 * decoded attributes, in document order. Text content, comments, processing instructions and DOCTYPE are skipped.
 */

export interface XmlTag {
  name: string;
  /** 'open' for `<a>`, 'close' for `</a>`, 'empty' for `<a/>`. */
  kind: 'open' | 'close' | 'empty';
  attributes: Record<string, string>;
}

export class XmlReadError extends Error {
  override name = 'XmlReadError';
}

const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** Decodes XML character and entity references. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(text: string, at: number): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let consumed = 0;
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) {
    if (text.slice(consumed, m.index).trim() !== '') throw new XmlReadError(`malformed attributes near offset ${at}`);
    out[m[1]!] = decodeXmlEntities(m[2] ?? m[3] ?? '');
    consumed = ATTRIBUTE.lastIndex;
  }
  if (text.slice(consumed).trim() !== '') throw new XmlReadError(`malformed attributes near offset ${at}`);
  return out;
}

/** Iterates over the tags of `xml`. */
export function* readXmlTags(xml: string): Generator<XmlTag> {
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlReadError('unterminated comment');
      pos = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      if (end < 0) throw new XmlReadError('unterminated declaration');
      pos = end + 1;
      continue;
    }
    // Attribute values never contain '>' unescaped in XAPI output, but quoted '>' is legal XML: scan quotes.
    let end = lt + 1;
    let quote = '';
    for (; end < xml.length; end++) {
      const c = xml[end];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (end >= xml.length) throw new XmlReadError(`unterminated tag at offset ${lt}`);
    const inner = xml.slice(lt + 1, end);
    pos = end + 1;
    if (inner.startsWith('/')) {
      yield { name: inner.slice(1).trim(), kind: 'close', attributes: {} };
      continue;
    }
    const empty = inner.endsWith('/');
    const body = empty ? inner.slice(0, -1) : inner;
    const nameMatch = /^[^\s/>]+/.exec(body);
    if (!nameMatch) throw new XmlReadError(`tag without a name at offset ${lt}`);
    yield { name: nameMatch[0], kind: empty ? 'empty' : 'open', attributes: parseAttributes(body.slice(nameMatch[0].length), lt) };
  }
}
