/**
 * A 24-bit RGB framebuffer (one 0xRRGGBB word per pixel) that tells attached viewers what changed: damaged
 * rectangles, scrolls of the text area (so viewers can send CopyRect) and resizes.
 */

export interface Rect { x: number; y: number; w: number; h: number }

/** What a viewer learns about changes; it accumulates them until the client asks for an update. */
export interface DamageSink {
  damage(r: Rect): void;
  /** The area `{0, 0, width, areaHeight}` moved up by `dy` pixels (content at y=dy is now at y=0). */
  scroll(dy: number, areaHeight: number): void;
  resize(width: number, height: number): void;
}

export class Framebuffer {
  pixels: Uint32Array;
  private readonly sinks = new Set<DamageSink>();

  constructor(public width: number, public height: number) {
    this.pixels = new Uint32Array(width * height);
  }

  attach(sink: DamageSink): void {
    this.sinks.add(sink);
  }

  detach(sink: DamageSink): void {
    this.sinks.delete(sink);
  }

  damage(r: Rect): void {
    const c = clip(r, this.width, this.height);
    if (c) for (const s of this.sinks) s.damage(c);
  }

  /** Fills a rectangle (no damage notification: callers batch their own). */
  fill(r: Rect, rgb: number): void {
    const c = clip(r, this.width, this.height);
    if (!c) return;
    for (let y = c.y; y < c.y + c.h; y++) this.pixels.fill(rgb, y * this.width + c.x, y * this.width + c.x + c.w);
  }

  /** Draws one glyph (`rows` bytes, MSB leftmost) at (x, y), `cellW` wide, without notification. */
  glyph(x: number, y: number, rows: Uint8Array, cellW: number, fg: number, bg: number): void {
    for (let gy = 0; gy < rows.length; gy++) {
      const py = y + gy;
      if (py < 0 || py >= this.height) continue;
      const bits = rows[gy]!;
      const base = py * this.width;
      for (let gx = 0; gx < cellW; gx++) {
        const px = x + gx;
        if (px < 0 || px >= this.width) continue;
        this.pixels[base + px] = gx < 8 && (bits & (0x80 >> gx)) !== 0 ? fg : bg;
      }
    }
  }

  /** Moves the top `areaHeight` rows up by `dy`, clears the revealed band with `bg` and notifies viewers. */
  scrollUp(dy: number, areaHeight: number, bg: number): void {
    if (dy <= 0) return;
    const keep = Math.max(0, areaHeight - dy);
    this.pixels.copyWithin(0, dy * this.width, (dy + keep) * this.width);
    this.fill({ x: 0, y: keep, w: this.width, h: areaHeight - keep }, bg);
    for (const s of this.sinks) s.scroll(dy, areaHeight);
    this.damage({ x: 0, y: keep, w: this.width, h: areaHeight - keep });
  }

  /** Changes the size (content cleared to `bg`) and notifies viewers. */
  resize(width: number, height: number, bg: number): void {
    this.width = width;
    this.height = height;
    this.pixels = new Uint32Array(width * height).fill(bg);
    for (const s of this.sinks) s.resize(width, height);
  }
}

/** Intersection of `r` with the screen, or undefined when empty. */
export function clip(r: Rect, width: number, height: number): Rect | undefined {
  const x = Math.max(0, r.x);
  const y = Math.max(0, r.y);
  const x2 = Math.min(width, r.x + r.w);
  const y2 = Math.min(height, r.y + r.h);
  return x2 > x && y2 > y ? { x, y, w: x2 - x, h: y2 - y } : undefined;
}
