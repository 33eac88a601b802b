import type { ObjectSeries } from '../../../shared/api/stats-schema.js';
import { derivedSources } from './graph-defaults.js';

/** One data source's points on a regular grid: point i at `start + i × step`; null is a gap. */
export interface SourceGrid {
  readonly start: number;
  readonly step: number;
  readonly values: readonly (number | null)[];
}

/** An object's data sources at one resolution. */
export type ObjectGrids = ReadonlyMap<string, SourceGrid>;

/** Merges new points into a source's grid (new values win), keeping points at or after `keepFrom`. */
export function mergeGrid(previous: SourceGrid | undefined, incoming: SourceGrid, keepFrom: number): SourceGrid {
  const step = incoming.step;
  if (!previous || previous.step !== step) return trim(incoming, keepFrom);
  const start = Math.min(previous.start, incoming.start);
  const end = Math.max(previous.start + (previous.values.length - 1) * step, incoming.start + (incoming.values.length - 1) * step);
  const values: (number | null)[] = new Array<number | null>(Math.round((end - start) / step) + 1).fill(null);
  previous.values.forEach((value, i) => (values[Math.round((previous.start - start) / step) + i] = value));
  incoming.values.forEach((value, i) => (values[Math.round((incoming.start - start) / step) + i] = value));
  return trim({ start, step, values }, keepFrom);
}

function trim(grid: SourceGrid, keepFrom: number): SourceGrid {
  const drop = Math.max(0, Math.ceil((keepFrom - grid.start) / grid.step));
  if (drop === 0) return grid;
  return { start: grid.start + drop * grid.step, step: grid.step, values: grid.values.slice(drop) };
}

/** An object's grids with one answer (or event) merged in. */
export function mergeSeries(previous: ObjectGrids | undefined, series: ObjectSeries, keepFrom: number): ObjectGrids {
  const next = new Map(previous ?? []);
  for (const source of series.sources) {
    next.set(source.name, mergeGrid(next.get(source.name), { start: series.start, step: series.step, values: source.values }, keepFrom));
  }
  return next;
}

/** A source's grid, computing the derived ones (used memory = total − free). */
export function gridOf(grids: ObjectGrids | undefined, name: string): SourceGrid | undefined {
  const direct = grids?.get(name);
  if (direct || !grids) return direct;
  const derived = derivedSources[name];
  const total = derived && grids.get(derived.total);
  const free = derived && grids.get(derived.free);
  if (!derived || !total || !free || total.step !== free.step) return undefined;
  const values = total.values.map((value, i) => {
    const f = free.values[Math.round((total.start - free.start) / total.step) + i];
    return value === null || f === null || f === undefined ? null : value - f * derived.freeScale;
  });
  return { start: total.start, step: total.step, values };
}

/** Every source an object has, with the derived ones it can compute, for the chooser. */
export function availableSources(grids: ObjectGrids | undefined): string[] {
  const names = [...(grids?.keys() ?? [])];
  for (const [name, derived] of Object.entries(derivedSources)) if (grids?.has(derived.total) && grids.has(derived.free)) names.push(name);
  return names.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/**
 * The columns a graph draws: shared times (epoch s) from the earliest to the latest point of its sources, and one
 * row of values per source (scaled into its unit; null for gaps), as uPlot and the CSV export take them.
 */
export function graphColumns(grids: ObjectGrids | undefined, sources: readonly string[], scales: readonly number[]): { times: number[]; rows: (number | null)[][] } {
  const found = sources.map((name) => gridOf(grids, name));
  const present = found.filter((grid): grid is SourceGrid => grid !== undefined && grid.values.length > 0);
  if (present.length === 0) return { times: [], rows: sources.map(() => []) };
  const step = present[0]!.step;
  const start = Math.min(...present.map((grid) => grid.start));
  const end = Math.max(...present.map((grid) => grid.start + (grid.values.length - 1) * grid.step));
  const times: number[] = [];
  for (let t = start; t <= end; t += step) times.push(t);
  const rows = found.map((grid, s) =>
    times.map((t) => {
      if (!grid || grid.step !== step) return null;
      const value = grid.values[Math.round((t - grid.start) / step)];
      return value === null || value === undefined ? null : value * scales[s]!;
    }),
  );
  return { times, rows };
}

/** The newest non-null value of a row, or null. */
export function lastValue(row: readonly (number | null)[]): number | null {
  for (let i = row.length - 1; i >= 0; i--) if (row[i] !== null) return row[i]!;
  return null;
}
