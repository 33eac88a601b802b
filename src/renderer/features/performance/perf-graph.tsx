import { useEffect, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatSourceValue, sourceInfo, type SourceUnit } from './source-info.js';
import { lastValue } from './stats-grid.js';

/** A time on the graph's axis worth a mark: an alert or a Xenith job about the object. */
export interface GraphMarker {
  readonly at: number;
  readonly label: string;
  readonly kind: 'alert' | 'job';
}

export interface PerfGraphProps {
  readonly title: string;
  readonly sources: readonly string[];
  readonly times: readonly number[];
  readonly rows: readonly (readonly (number | null)[])[];
  /** The x range shown (epoch s): the chosen time range, or the zoom. */
  readonly from: number;
  readonly to: number;
  readonly markers: readonly GraphMarker[];
  /** A drag across the graph zooms every graph of the tab to that range. */
  onZoom(from: number, to: number): void;
}

const palette = ['#2f6fde', '#e0771b', '#2e9d4f', '#c73b3b', '#8a5cd6', '#1b9aaa', '#b5891b', '#d6478f'];

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The theme painted on <html data-theme> (light or dark), so charts recolour when it changes. */
function useDocumentTheme(): string {
  return useSyncExternalStore(
    (changed) => {
      const observer = new MutationObserver(changed);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => observer.disconnect();
    },
    () => document.documentElement.dataset.theme ?? 'light',
  );
}

/** The unit a graph's axis uses: its first source's (XenCenter keeps one unit per graph). */
function unitOf(sources: readonly string[]): SourceUnit {
  return sources[0] ? sourceInfo(sources[0]).unit : 'number';
}

/**
 * One Performance graph drawn by uPlot (a canvas: a year of rows or many graphs stay fast). Gaps (null) are gaps.
 * What it shows is also on the element for people using assistive technology and for tests: the aria-label names
 * the newest value of each line, `data-last-value` holds their mean, `data-from`/`data-to` the range shown.
 */
export function PerfGraph({ title, sources, times, rows, from, to, markers, onZoom }: PerfGraphProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markersRef = useRef(markers);
  markersRef.current = markers;
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;
  const unit = unitOf(sources);
  const sourceKey = sources.join(',');
  const theme = useDocumentTheme();

  useEffect(() => {
    const element = host.current!;
    const text = cssColor('--fg', '#1d2330');
    const grid = cssColor('--border', '#d6dae1');
    const accent = cssColor('--accent', '#2f6fde');
    const bad = cssColor('--bad', '#c73b3b');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height: 180,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      series: [
        {},
        ...sources.map((name, i) => ({
          label: sourceInfo(name).label,
          stroke: palette[i % palette.length]!,
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => formatSourceValue(v, unit),
        })),
      ],
      axes: [axis, { ...axis, size: 70, values: (_u, splits) => splits.map((v) => formatSourceValue(v, unit)) }],
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { show: true },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 2) return;
            const a = u.posToVal(u.select.left, 'x');
            const b = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            zoomRef.current(Math.min(a, b), Math.max(a, b));
          },
        ],
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            for (const marker of markersRef.current) {
              const x = u.valToPos(marker.at, 'x', true);
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.strokeStyle = marker.kind === 'alert' ? bad : accent;
              ctx.setLineDash([4, 3]);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const chart = new uPlot(options, [[], ...sources.map(() => [])] as uPlot.AlignedData, element);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: 180 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // A new set of lines, unit or theme needs a new chart; new points only new data (next effect).
  }, [sourceKey, unit, theme]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart) return;
    chart.batch(() => {
      chart.setData([times as number[], ...(rows as (number | null)[][])] as uPlot.AlignedData, false);
      chart.setScale('x', { min: from, max: to });
    });
    // theme: the chart was made anew and needs its data again.
  }, [times, rows, from, to, markers, theme]);

  const lasts = rows.map(lastValue);
  const known = lasts.filter((value): value is number => value !== null);
  const mean = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
  const summary = sources.map((name, i) => `${sourceInfo(name).label} ${formatSourceValue(lasts[i] ?? null, unit)}`).join(', ');
  return (
    <figure className="perf-graph" aria-label={`${title}: ${known.length > 0 ? summary : 'no data'}`} data-last-value={mean ?? ''} data-from={from} data-to={to} data-points={times.length}>
      <figcaption className="perf-graph-title">{title}</figcaption>
      <div ref={host} className="perf-graph-canvas" />
    </figure>
  );
}
