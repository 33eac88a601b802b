// What the UI benchmark runs inside the page (Chromium, through Playwright): it records the renderer's
// performance marks and input events as they happen, and frame times while scrolling. Functions here are
// serialised into the page, so they use only browser globals.

/** A performance mark as the page saw it. */
export interface RecordedMark {
  name: string;
  t: number;
  detail: { objects?: number; rows?: number; search?: string; view?: string } | null;
}

/** A long animation frame as Chromium reports it: how long, and what ran in it (script, then rendering). */
export interface LongFrame {
  duration: number;
  scriptMs: number;
  renderMs: number;
  /** The longest scripts of the frame: what invoked them and for how long. */
  scripts: string;
}

export interface PageProbes {
  marks: RecordedMark[];
  inputs: { t: number; value: string }[];
  frames: number[];
  longFrames: LongFrame[];
  recording: boolean;
}

interface LoafScript {
  invoker: string;
  duration: number;
}
interface LoafEntry extends PerformanceEntry {
  renderStart: number;
  scripts: LoafScript[];
}

declare global {
  interface Window {
    __uiBench: PageProbes;
  }
}

/** Installed before the app's scripts run: every mark and input event from the start of the page. */
export function installProbes(): void {
  const probes: PageProbes = { marks: [], inputs: [], frames: [], longFrames: [], recording: false };
  window.__uiBench = probes;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probes.marks.push({ name: entry.name, t: entry.startTime, detail: (entry as PerformanceMark).detail ?? null });
  }).observe({ type: 'mark', buffered: true });
  // Capture phase: the input's own time, before React handles it.
  document.addEventListener('input', (event) => probes.inputs.push({ t: event.timeStamp, value: (event.target as HTMLInputElement).value }), true);
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      if (!probes.recording) return;
      for (const entry of list.getEntries() as LoafEntry[]) {
        const scripts = [...entry.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
        probes.longFrames.push({
          duration: entry.duration,
          scriptMs: entry.scripts.reduce((sum, script) => sum + script.duration, 0),
          renderMs: entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0,
          scripts: scripts.map((script) => `${script.invoker} ${script.duration.toFixed(0)} ms`).join(', '),
        });
      }
    }).observe({ type: 'long-animation-frame' });
  }
}

/** Starts recording the time between animation frames (and long animation frames, where Chromium reports them). */
export function startFrameRecording(): void {
  const probes = window.__uiBench;
  probes.frames = [];
  probes.longFrames = [];
  probes.recording = true;
  let last = performance.now();
  const loop = (now: number) => {
    if (!probes.recording) return;
    probes.frames.push(now - last);
    last = now;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(loop);
  });
}

export function stopFrameRecording(): { frames: number[]; longFrames: LongFrame[] } {
  const probes = window.__uiBench;
  probes.recording = false;
  return { frames: probes.frames, longFrames: probes.longFrames };
}
