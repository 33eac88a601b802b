/**
 * Structural equality for plain data: primitives, arrays and plain records, compared deeply.
 *
 * The server uses it to tell whether an XAPI field really changed (a new but equal map sends no delta), and the
 * renderer to keep a derived value's identity when it did not change (memoised rows do not re-render). Primitives
 * compare with `Object.is`, so a NaN that stays NaN is no change. A key that is missing differs from a key that is
 * present with `undefined`, and an array never equals a record.
 */
export function structurallyEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as readonly unknown[];
    return a.length === other.length && a.every((item, index) => structurallyEqual(item, other[index]));
  }
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && structurallyEqual(left[key], right[key]));
}
