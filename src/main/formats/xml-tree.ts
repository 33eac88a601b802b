/** An XML element as Xenith reads the few documents it parses (an OVF descriptor, an XVA's ova.xml). */
export interface XmlElement {
  /** The qualified name as written (`rasd:ResourceType`). */
  name: string;
  /** The name without its prefix (`ResourceType`): OVFs from different tools bind the same namespace to different prefixes. */
  local: string;
  /** Attributes by qualified name, and again by local name when that is not taken. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  text: string;
}

/** A document Xenith cannot read as XML. */
export class XmlFormatError extends Error {
  constructor(message: string) {
    super(`Not well-formed XML: ${message}`);
    this.name = 'XmlFormatError';
  }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name] ?? whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

const attributePattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Deepest nesting accepted: documents that nest deeper are not OVFs, and would only cost stack. */
const maxDepth = 256;

/**
 * Parses a small XML document into elements (no DTDs, no external entities: nothing in it is fetched or
 * expanded beyond the five predefined entities and character references). Enough for OVF descriptors and ova.xml.
 */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let position = 0;
  const text = (value: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += value;
    else if (value.trim() !== '') throw new XmlFormatError('text outside the root element');
  };
  while (position < xml.length) {
    const open = xml.indexOf('<', position);
    if (open === -1) {
      text(decode(xml.slice(position)));
      break;
    }
    if (open > position) text(decode(xml.slice(position, open)));
    if (xml.startsWith('<!--', open)) {
      const end = xml.indexOf('-->', open + 4);
      if (end === -1) throw new XmlFormatError('an unclosed comment');
      position = end + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      const end = xml.indexOf(']]>', open + 9);
      if (end === -1) throw new XmlFormatError('an unclosed CDATA section');
      text(xml.slice(open + 9, end));
      position = end + 3;
    } else if (xml.startsWith('<?', open)) {
      const end = xml.indexOf('?>', open + 2);
      if (end === -1) throw new XmlFormatError('an unclosed processing instruction');
      position = end + 2;
    } else if (xml.startsWith('<!', open)) {
      // A DOCTYPE: skipped whole, internal subset included; its entities are never expanded.
      let depth = 0;
      let end = open + 2;
      for (; end < xml.length; end++) {
        if (xml[end] === '[') depth++;
        else if (xml[end] === ']') depth--;
        else if (xml[end] === '>' && depth <= 0) break;
      }
      position = end + 1;
    } else if (xml[open + 1] === '/') {
      const end = xml.indexOf('>', open);
      if (end === -1) throw new XmlFormatError('an unclosed end tag');
      const name = xml.slice(open + 2, end).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new XmlFormatError(`</${name}> does not close <${top?.name ?? 'nothing'}>`);
      position = end + 1;
    } else {
      const end = xml.indexOf('>', open);
      if (end === -1) throw new XmlFormatError('an unclosed start tag');
      const selfClosing = xml[end - 1] === '/';
      const body = xml.slice(open + 1, selfClosing ? end - 1 : end);
      const nameEnd = body.search(/[\s/]|$/);
      const name = body.slice(0, nameEnd);
      if (name === '') throw new XmlFormatError('an element without a name');
      const attributes: Record<string, string> = {};
      for (const match of body.slice(nameEnd).matchAll(attributePattern)) attributes[match[1]!] = decode(match[2] ?? match[3] ?? '');
      for (const [key, value] of Object.entries(attributes)) {
        const local = localName(key);
        if (!(local in attributes)) attributes[local] = value;
      }
      const element: XmlElement = { name, local: localName(name), attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlFormatError('more than one root element');
      else root = element;
      if (!selfClosing) {
        if (stack.length >= maxDepth) throw new XmlFormatError('elements nested too deep');
        stack.push(element);
      }
      position = end + 1;
    }
  }
  if (stack.length > 0) throw new XmlFormatError(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new XmlFormatError('no root element');
  return root;
}

/** The children of `element` with local name `local`. */
export function childrenNamed(element: XmlElement | undefined, local: string): XmlElement[] {
  return element ? element.children.filter((child) => child.local === local) : [];
}

/** The first child of `element` with local name `local`. */
export function childNamed(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((child) => child.local === local);
}

/** Every element under `element` (itself included) with local name `local`, in document order. */
export function descendantsNamed(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    if (node.local === local) found.push(node);
    for (const child of node.children) visit(child);
  };
  visit(element);
  return found;
}
