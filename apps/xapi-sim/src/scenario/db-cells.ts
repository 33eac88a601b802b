/** The textual conventions of XAPI database dumps: whitespace protection and column naming. */

const UNPROTECT: Record<string, string> = { '.': ' ', _: ' ', t: '\t', n: '\n', r: '\r', '%': '%' };

/**
 * Undoes `Xml_spaces.protect`: `%.` space, `%t` tab, `%n` newline, `%r` CR, `%%` percent; the legacy `%_` is a
 * space. Any other `%x` is kept as written, as XAPI's reader does.
 */
export function unprotectWhitespace(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%(.)/gs, (whole, c: string) => UNPROTECT[c] ?? whole);
}

/**
 * The API field name for a database column (`name__label` → `name_label`), or null for internal columns
 * (`ref`, `_ref`, `__ctime`, `__mtime`, anything starting with `_`).
 */
export function fieldNameOfColumn(column: string): string | null {
  if (column === 'ref' || column.startsWith('_')) return null;
  return column.replace(/__/g, '_');
}
