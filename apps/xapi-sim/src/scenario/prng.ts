/** Seeded pseudo-random numbers and the identifiers derived from them, so a seed always gives the same pool. */

// Hex digits by value, so identifiers are built without per-call closures or number formatting (hot: a 10,000-VM
// pool makes some 200,000 uuids).
const HEX1 = '0123456789abcdef';
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string => HEX2[n >>> 24]! + HEX2[(n >>> 16) & 0xff]! + HEX2[(n >>> 8) & 0xff]! + HEX2[n & 0xff]!;

/** A small, fast, seedable generator (sfc32 seeded through splitmix32); never touches Math.random. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One element, chosen with the given relative weights. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A random version-4 UUID (lower-case, dashed): 128 bits with the version nibble set to 4 and the variant to 10xx. */
  uuid(): string {
    const a = this.nextU32();
    const b = this.nextU32();
    const c = this.nextU32();
    const d = this.nextU32();
    return `${hex8(a)}-${HEX2[b >>> 24]}${HEX2[(b >>> 16) & 0xff]}-4${HEX1[(b >>> 8) & 0xf]}${HEX2[b & 0xff]}-`
      + `${HEX1[((c >>> 28) & 0x3) | 0x8]}${HEX1[(c >>> 24) & 0xf]}${HEX2[(c >>> 16) & 0xff]}-${HEX2[(c >>> 8) & 0xff]}${HEX2[c & 0xff]}${hex8(d)}`;
  }

  /** A locally administered unicast MAC address, as XAPI generates for VIFs. */
  mac(): string {
    let out = HEX2[0x02 | ((this.nextU32() & 0x3f) << 2)]!;
    for (let i = 0; i < 5; i++) out += `:${HEX2[this.nextU32() & 0xff]}`;
    return out;
  }
}
