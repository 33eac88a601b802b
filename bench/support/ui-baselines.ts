// Baselines of the UI benchmark, measured in the same page and run as the tree: a plain, non-virtualised
// list of the same number of static DOM rows (the tree's first paint and scroll frames are compared with it),
// and an input that does nothing but wait for the next frame (the search box's latency is compared with it).
// Functions here are serialised into the page, so they use only browser globals.

/** Where the baseline list goes: over the tree, the same size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Builds `count` static rows in a scrolling box over the tree and resolves with the ms until they are painted. */
export async function paintStaticList({ count, box }: { count: number; box: Box }): Promise<number> {
  // The next painted frame: a task queued from an animation frame runs after that frame's paint.
  const painted = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
  const started = performance.now();
  const list = document.createElement('div');
  list.id = 'ui-bench-static-list';
  Object.assign(list.style, { position: 'fixed', left: `${box.x}px`, top: `${box.y}px`, width: `${box.width}px`, height: `${box.height}px`, overflow: 'auto', background: 'var(--pane)', zIndex: '1000' });
  const rows = document.createDocumentFragment();
  for (let i = 0; i < count; i++) {
    const row = document.createElement('div');
    row.style.height = '22px';
    row.style.whiteSpace = 'nowrap';
    row.textContent = `▶ static row ${i}`;
    rows.appendChild(row);
  }
  list.appendChild(rows);
  document.body.appendChild(list);
  return (await painted()) - started;
}

export function removeStaticList(): void {
  document.getElementById('ui-bench-static-list')?.remove();
}

/** Adds a bare input over the page whose every input event records the ms until the next painted frame. */
export function addEmptyFrameInput(): void {
  const input = document.createElement('input');
  input.id = 'ui-bench-empty-input';
  input.setAttribute('aria-label', 'Baseline input');
  Object.assign(input.style, { position: 'fixed', left: '0', top: '0', zIndex: '1001' });
  const samples: number[] = [];
  (window as unknown as { __emptyFrameSamples: number[] }).__emptyFrameSamples = samples;
  input.addEventListener('input', (event) => {
    requestAnimationFrame(() => setTimeout(() => samples.push(performance.now() - event.timeStamp)));
  });
  document.body.appendChild(input);
  input.focus();
}

export function takeEmptyFrameSamples(): number[] {
  document.getElementById('ui-bench-empty-input')?.remove();
  return (window as unknown as { __emptyFrameSamples: number[] }).__emptyFrameSamples;
}
