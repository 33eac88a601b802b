/**
 * What a suspend image holds in the simulator: the guest's console (screen, prompt state, what was typed) and when
 * it booted. A suspend keeps the VM's own image; a checkpoint keeps one on the snapshot; a revert to a checkpoint
 * hands the snapshot's image to the VM; a resume runs the guest from it (the console carries on from that screen,
 * no boot; VM_metrics.start_time is the saved boot time). Images go when their VM halts or is destroyed.
 */
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import type { ConsoleImage } from '../rfb/console-session.js';
import { ConsoleHub } from '../rfb/console-hub.js';

export interface GuestImage {
  /** Absent when nobody ever opened the console (the resumed guest then shows a fresh screen). */
  readonly console?: ConsoleImage;
  readonly bootedAt: Date;
}

const images = new WeakMap<Engine, Map<string, GuestImage>>();

function imagesOf(engine: Engine): Map<string, GuestImage> {
  let map = images.get(engine);
  if (!map) {
    images.set(engine, (map = new Map()));
    const own = map;
    engine.store.onChange((c) => {
      if (c.cls !== 'VM') return;
      if (c.op === 'del' || c.row.record.power_state === 'Halted') own.delete(c.ref);
    });
  }
  return map;
}

/** The running guest's state now (for a suspend or a checkpoint of `vmRef`). */
export function captureGuest(engine: Engine, vmRef: string): GuestImage {
  const metrics = engine.store.get('VM', vmRef).metrics as string;
  const started = metrics !== NULL_REF ? engine.store.row('VM_metrics', metrics)?.record.start_time : undefined;
  const console = ConsoleHub.of(engine).saveImage(vmRef);
  return { bootedAt: started instanceof Date ? started : new Date(), ...(console ? { console } : {}) };
}

/** Keeps `image` as the memory image of `holderRef` (a suspended VM or a checkpoint). */
export function keepGuestImage(engine: Engine, holderRef: string, image: GuestImage): void {
  imagesOf(engine).set(holderRef, image);
}

export function guestImageOf(engine: Engine, holderRef: string): GuestImage | undefined {
  return imagesOf(engine).get(holderRef);
}

export function dropGuestImage(engine: Engine, holderRef: string): void {
  imagesOf(engine).delete(holderRef);
}

/**
 * Takes the suspended VM's image and returns what applies it once the domain runs again (after markStarted): the
 * console resumes from the saved screen and the boot time is the saved one.
 */
export function resumeFromImage(engine: Engine, vmRef: string): () => void {
  const image = imagesOf(engine).get(vmRef);
  imagesOf(engine).delete(vmRef);
  return () => {
    if (!image) return;
    if (image.console) ConsoleHub.of(engine).resumeWith(vmRef, image.console);
    const metrics = engine.store.get('VM', vmRef).metrics as string;
    if (metrics !== NULL_REF && engine.store.has('VM_metrics', metrics)) engine.store.update('VM_metrics', metrics, { start_time: image.bootedAt });
  };
}
