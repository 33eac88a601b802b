/** IPv4 address arithmetic for handing hosts consecutive loopback addresses. */

/** The address `offset` places after `base` (e.g. 127.0.0.1 + 2 → 127.0.0.3), carrying across octets. */
export function addressPlus(base: string, offset: number): string {
  const parts = base.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${base}`);
  }
  const n = ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]! + offset;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
