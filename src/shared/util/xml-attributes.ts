/**
 * Reads the attributes of the elements of one name in the small XML documents XAPI keeps in string fields
 * (a template's `other_config.disks` provisioning spec, its `recommendations`). Those documents are flat lists
 * of self-describing elements, so a tolerant scan is enough, and it runs where DOMParser does not (unit tests).
 */
export function elementAttributes(xml: string, element: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const elementPattern = new RegExp(`<${element}\\b([^>]*?)/?>`, 'g');
  for (const match of xml.matchAll(elementPattern)) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attribute[1]!] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
    }
    found.push(attributes);
  }
  return found;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}
