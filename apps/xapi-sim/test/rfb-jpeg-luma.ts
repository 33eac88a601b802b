/**
 * A minimal baseline-JPEG decoder for tests that returns only the luma (Y) plane: enough to read console text out
 * of the JPEG vncsnapshot writes. Huffman + restart intervals + any sampling factors; chroma blocks are decoded
 * (to stay in step with the bitstream) but not transformed.
 */

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63,
];

interface Huffman { maxcode: number[]; valptr: number[]; mincode: number[]; vals: number[] }
interface Component { id: number; h: number; v: number; tq: number; td: number; ta: number; pred: number }

function buildHuffman(counts: number[], vals: number[]): Huffman {
  const maxcode: number[] = [];
  const valptr: number[] = [];
  const mincode: number[] = [];
  let code = 0;
  let k = 0;
  for (let l = 0; l < 16; l++) {
    valptr[l] = k;
    mincode[l] = code;
    code += counts[l]!;
    k += counts[l]!;
    maxcode[l] = counts[l] ? code - 1 : -1;
    code <<= 1;
  }
  return { maxcode, valptr, mincode, vals };
}

export interface LumaImage { width: number; height: number; luma: Uint8Array }

export function decodeJpegLuma(data: Buffer): LumaImage {
  if (data.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
  const qt: number[][] = [];
  const dcT: Huffman[] = [];
  const acT: Huffman[] = [];
  let comps: Component[] = [];
  let width = 0;
  let height = 0;
  let restart = 0;
  let pos = 2;
  for (;;) {
    const marker = data.readUInt16BE(pos);
    const len = data.readUInt16BE(pos + 2);
    const seg = data.subarray(pos + 4, pos + 2 + len);
    pos += 2 + len;
    if (marker === 0xffdb) {
      for (let o = 0; o < seg.length;) {
        const pq = seg[o]! >> 4;
        const tq = seg[o]! & 15;
        o++;
        const table: number[] = [];
        for (let i = 0; i < 64; i++, o += pq ? 2 : 1) table[ZIGZAG[i]!] = pq ? seg.readUInt16BE(o) : seg[o]!;
        qt[tq] = table;
      }
    } else if (marker === 0xffc0 || marker === 0xffc1) {
      height = seg.readUInt16BE(1);
      width = seg.readUInt16BE(3);
      comps = [];
      for (let i = 0; i < seg[5]!; i++) comps.push({ id: seg[6 + i * 3]!, h: seg[7 + i * 3]! >> 4, v: seg[7 + i * 3]! & 15, tq: seg[8 + i * 3]!, td: 0, ta: 0, pred: 0 });
    } else if (marker === 0xffc2) throw new Error('progressive JPEG not supported');
    else if (marker === 0xffc4) {
      for (let o = 0; o < seg.length;) {
        const tc = seg[o]! >> 4;
        const th = seg[o]! & 15;
        const counts = [...seg.subarray(o + 1, o + 17)];
        const total = counts.reduce((a, b) => a + b, 0);
        const t = buildHuffman(counts, [...seg.subarray(o + 17, o + 17 + total)]);
        if (tc === 0) dcT[th] = t;
        else acT[th] = t;
        o += 17 + total;
      }
    } else if (marker === 0xffdd) restart = seg.readUInt16BE(0);
    else if (marker === 0xffda) {
      for (let i = 0; i < seg[0]!; i++) {
        const c = comps.find((x) => x.id === seg[1 + i * 2])!;
        c.td = seg[2 + i * 2]! >> 4;
        c.ta = seg[2 + i * 2]! & 15;
      }
      break;
    }
  }

  // Entropy-coded data with byte stuffing and restart markers.
  let bitBuf = 0;
  let bitCnt = 0;
  const bit = (): number => {
    if (bitCnt === 0) {
      let b = data[pos] ?? 0;
      if (b === 0xff) {
        const n = data[pos + 1] ?? 0;
        if (n === 0) pos += 2;
        else b = 0; // a marker: feed zeros
      } else pos++;
      bitBuf = b;
      bitCnt = 8;
    }
    bitCnt--;
    return (bitBuf >> bitCnt) & 1;
  };
  const receive = (n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | bit();
    return v;
  };
  const extend = (v: number, n: number): number => (n === 0 ? 0 : v < 1 << (n - 1) ? v - (1 << n) + 1 : v);
  const decode = (t: Huffman): number => {
    let code = 0;
    for (let l = 0; l < 16; l++) {
      code = (code << 1) | bit();
      if (t.maxcode[l]! >= code && code >= t.mincode[l]!) return t.vals[t.valptr[l]! + code - t.mincode[l]!]!;
    }
    throw new Error('bad Huffman code');
  };

  const hmax = Math.max(...comps.map((c) => c.h));
  const vmax = Math.max(...comps.map((c) => c.v));
  const mcusX = Math.ceil(width / (8 * hmax));
  const mcusY = Math.ceil(height / (8 * vmax));
  const y = comps[0]!;
  const planeW = mcusX * 8 * y.h;
  const plane = new Uint8Array(planeW * mcusY * 8 * y.v);
  const block = new Float64Array(64);
  let mcu = 0;
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++, mcu++) {
      if (restart && mcu > 0 && mcu % restart === 0) {
        bitCnt = 0;
        while (pos < data.length && !(data[pos] === 0xff && data[pos + 1]! >= 0xd0 && data[pos + 1]! <= 0xd7)) pos++;
        pos += 2;
        for (const c of comps) c.pred = 0;
      }
      for (const c of comps) {
        for (let by = 0; by < c.v; by++) {
          for (let bx = 0; bx < c.h; bx++) {
            block.fill(0);
            const t = decode(dcT[c.td]!);
            c.pred += extend(receive(t), t);
            block[0] = c.pred;
            for (let k = 1; k < 64;) {
              const rs = decode(acT[c.ta]!);
              const r = rs >> 4;
              const s = rs & 15;
              if (s === 0) {
                if (r !== 15) break;
                k += 16;
                continue;
              }
              k += r;
              if (k > 63) break;
              block[ZIGZAG[k]!] = extend(receive(s), s);
              k++;
            }
            if (c === y) idctInto(block, qt[c.tq]!, plane, planeW, (mx * c.h + bx) * 8, (my * c.v + by) * 8);
          }
        }
      }
    }
  }
  const luma = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) luma.set(plane.subarray(r * planeW, r * planeW + width), r * width);
  return { width, height, luma };
}

const COS = Array.from({ length: 64 }, (_, i) => Math.cos(((2 * (i >> 3) + 1) * (i & 7) * Math.PI) / 16));

/** Dequantises and inverse-transforms one 8×8 block (separable, straightforward). */
function idctInto(coef: Float64Array, q: number[], out: Uint8Array, stride: number, x0: number, y0: number): void {
  const tmp = new Float64Array(64);
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let u = 0; u < 8; u++) s += (u === 0 ? Math.SQRT1_2 : 1) * coef[v * 8 + u]! * q[v * 8 + u]! * COS[x * 8 + u]!;
      tmp[v * 8 + x] = s / 2;
    }
  }
  for (let x = 0; x < 8; x++) {
    for (let yy = 0; yy < 8; yy++) {
      let s = 0;
      for (let v = 0; v < 8; v++) s += (v === 0 ? Math.SQRT1_2 : 1) * tmp[v * 8 + x]! * COS[yy * 8 + v]!;
      out[(y0 + yy) * stride + x0 + x] = Math.max(0, Math.min(255, Math.round(s / 2 + 128)));
    }
  }
}
