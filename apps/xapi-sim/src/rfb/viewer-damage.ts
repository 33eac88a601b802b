/**
 * What one viewer still has to receive: a pending scroll of the text area (sent as one CopyRect), damaged
 * rectangles (sent raw, from the current framebuffer) and a pending resize. Damage noted before a scroll is
 * shifted with it, so "copy first, then repaint the dirty rectangles" always rebuilds the current screen.
 */
import type { DamageSink, Framebuffer, Rect } from './framebuffer.js';

const MAX_RECTS = 24;

export class ViewerDamage implements DamageSink {
  scrollDy = 0;
  scrollArea = 0;
  dirty: Rect[] = [];
  resized = false;

  /** `onChange` runs after every change (the connection sends if its viewer is waiting). */
  constructor(private readonly fb: Framebuffer, private readonly onChange: () => void = () => {}) {}

  get pending(): boolean {
    return this.resized || this.scrollDy > 0 || this.dirty.length > 0;
  }

  damage(r: Rect): void {
    if (this.dirty.some((d) => d.x <= r.x && d.y <= r.y && d.x + d.w >= r.x + r.w && d.y + d.h >= r.y + r.h)) return;
    this.dirty.push({ ...r });
    if (this.dirty.length > MAX_RECTS) this.dirty = [bounds(this.dirty)];
    this.onChange();
  }

  scroll(dy: number, areaHeight: number): void {
    if (this.scrollDy > 0 && areaHeight !== this.scrollArea) {
      this.scrollDy = 0;
      this.damage({ x: 0, y: 0, w: this.fb.width, h: this.scrollArea });
    }
    const shifted: Rect[] = [];
    for (const r of this.dirty) {
      if (r.y >= areaHeight) shifted.push(r);
      else {
        const y = r.y - dy;
        const y2 = Math.min(r.y + r.h, areaHeight) - dy;
        if (y2 > 0) shifted.push({ x: r.x, y: Math.max(0, y), w: r.w, h: y2 - Math.max(0, y) });
        if (r.y + r.h > areaHeight) shifted.push({ x: r.x, y: areaHeight, w: r.w, h: r.y + r.h - areaHeight });
      }
    }
    this.dirty = shifted;
    this.scrollDy += dy;
    this.scrollArea = areaHeight;
    if (this.scrollDy >= areaHeight) {
      this.scrollDy = 0;
      this.damage({ x: 0, y: 0, w: this.fb.width, h: areaHeight });
    }
    this.onChange();
  }

  resize(width: number, height: number): void {
    this.resized = true;
    this.scrollDy = 0;
    this.dirty = [{ x: 0, y: 0, w: width, h: height }];
    this.onChange();
  }

  /** Takes everything pending and resets. */
  take(): { resized: boolean; scrollDy: number; scrollArea: number; dirty: Rect[] } {
    const out = { resized: this.resized, scrollDy: this.scrollDy, scrollArea: this.scrollArea, dirty: this.dirty };
    this.resized = false;
    this.scrollDy = 0;
    this.dirty = [];
    return out;
  }
}

function bounds(rects: Rect[]): Rect {
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const x2 = Math.max(...rects.map((r) => r.x + r.w));
  const y2 = Math.max(...rects.map((r) => r.y + r.h));
  return { x, y, w: x2 - x, h: y2 - y };
}
