// The page side of bench/stats.bench.ts: the renderer's own stats pipeline (stats-grid.ts: merge the server's
// series, lay a graph's columns) bundled by esbuild, and uPlot, on window for the benchmark to drive.
import uPlot from 'uplot';
import { graphColumns, mergeSeries, type ObjectGrids } from '../../src/renderer/features/performance/stats-grid.js';

declare global {
  interface Window {
    statsBench: typeof statsBench;
  }
}

type Series = Parameters<typeof mergeSeries>[1];
type Columns = ReturnType<typeof graphColumns>;

const charts: uPlot[] = [];
let grids: ObjectGrids[] = [];
let sources: string[][] = [];

function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

function options(width: number, lines: number): uPlot.Options {
  return { width, height: 120, scales: { x: { time: true } }, series: [{}, ...Array.from({ length: lines }, () => ({ stroke: '#2f6fde', spanGaps: false }))], legend: { show: false } };
}

function host(): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
}

const data = (columns: Columns) => [columns.times, ...columns.rows] as uPlot.AlignedData;

const statsBench = {
  clear(): void {
    for (const chart of charts.splice(0)) chart.destroy();
    document.body.replaceChildren();
  },
  /** Ours: the server's series through the renderer's pipeline into one chart each; ms to the next frame. */
  async firstDrawFromSeries(series: Series[]): Promise<number> {
    const start = performance.now();
    grids = series.map((one) => mergeSeries(undefined, one, 0));
    sources = series.map((one) => one.sources.map((source) => source.name));
    grids.forEach((grid, i) => {
      const columns = graphColumns(grid, sources[i]!, sources[i]!.map(() => 100));
      charts.push(new uPlot(options(400, sources[i]!.length), data(columns), host()));
    });
    return (await frame()) - start;
  },
  /** Baseline: the same points as ready-made static columns into one chart each. */
  async firstDrawStatic(columns: Columns[]): Promise<number> {
    const start = performance.now();
    for (const one of columns) charts.push(new uPlot(options(400, one.rows.length), data(one), host()));
    return (await frame()) - start;
  },
  /** The static columns the baseline draws (computed outside the timing). */
  columnsOf(series: Series[]): Columns[] {
    return series.map((one) => graphColumns(mergeSeries(undefined, one, 0), one.sources.map((source) => source.name), one.sources.map(() => 100)));
  },
  /** Ours: one update (a point more per chart, as stats.changed brings it) merged and drawn; ms to the next frame. */
  async updateFromSeries(update: Series[], keepFrom: number): Promise<number> {
    const start = performance.now();
    update.forEach((one, i) => {
      grids[i] = mergeSeries(grids[i], one, keepFrom);
      charts[i]!.setData(data(graphColumns(grids[i], sources[i]!, sources[i]!.map(() => 100))));
    });
    return (await frame()) - start;
  },
  /** Baseline: the same number of points handed over ready-made. */
  async updateStatic(columns: Columns[]): Promise<number> {
    const start = performance.now();
    columns.forEach((one, i) => charts[i]!.setData(data(one)));
    return (await frame()) - start;
  },
};

window.statsBench = statsBench;
