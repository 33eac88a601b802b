/** A minimal, strict XML parser for XML-RPC requests: elements, text, entities, CDATA, comments, prolog. */

export interface XmlElement { name: string; children: XmlElement[]; text: string }

export class XmlParseError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces XML entity and character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlParseError(`unknown entity ${all}`);
    return v;
  });
}

/** Parses a document and returns its root element. `text` is the concatenated direct text content. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt === -1 ? src.length : lt;
    if (textEnd > i) {
      const raw = src.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(raw);
      else if (raw.trim()) throw new XmlParseError('text outside root element');
    }
    if (lt === -1) break;
    if (src.startsWith('<?', lt)) {
      const end = src.indexOf('?>', lt);
      if (end === -1) throw new XmlParseError('unterminated processing instruction');
      i = end + 2;
    } else if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt);
      if (end === -1) throw new XmlParseError('unterminated comment');
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt);
      const top = stack[stack.length - 1];
      if (end === -1 || !top) throw new XmlParseError('bad CDATA');
      top.text += src.slice(lt + 9, end);
      i = end + 3;
    } else if (src.startsWith('<!', lt)) {
      throw new XmlParseError('DTDs are not accepted');
    } else {
      const gt = src.indexOf('>', lt);
      if (gt === -1) throw new XmlParseError('unterminated tag');
      const inner = src.slice(lt + 1, gt);
      i = gt + 1;
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim();
        const top = stack.pop();
        if (!top || top.name !== name) throw new XmlParseError(`mismatched </${name}>`);
        if (stack.length === 0) root = top;
        continue;
      }
      const selfClosing = inner.endsWith('/');
      const name = (selfClosing ? inner.slice(0, -1) : inner).trim().split(/\s+/)[0] ?? '';
      if (!/^[A-Za-z_][\w.:-]*$/.test(name)) throw new XmlParseError(`bad tag name ${name}`);
      if (root) throw new XmlParseError('content after root element');
      const el: XmlElement = { name, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      if (selfClosing) {
        if (!parent) root = el;
      } else stack.push(el);
    }
  }
  if (stack.length > 0 || !root) throw new XmlParseError('unterminated document');
  return root;
}
