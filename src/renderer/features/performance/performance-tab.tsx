import { useId, useMemo, useState } from 'react';
import type { GraphSpec } from '../../../shared/api/stats-schema.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { reportFailure } from '../../commands/report-failure.js';
import { useJobsStore } from '../../store/jobs-store.js';
import { nameOf, objectsOfType } from '../../store/mirror-read.js';
import { poolObjectOf, type DetailsSubject } from '../details/details-subject.js';
import { useMirror } from '../details/use-mirror.js';
import { byName } from '../tree/name-order.js';
import { GraphChooserDialog } from './graph-chooser-dialog.js';
import { graphCsv } from './graph-csv.js';
import { defaultGraphs, type GraphKind } from './graph-defaults.js';
import { moveGraph, savedGraphs } from './graph-layout.js';
import { graphMarkers } from './graph-markers.js';
import { PerfGraph } from './perf-graph.js';
import { sourceInfo } from './source-info.js';
import { availableSources, graphColumns, type ObjectGrids } from './stats-grid.js';
import { timeRanges, type TimeRange } from './time-ranges.js';
import { useObjectStats } from './use-object-stats.js';
import './performance.css';

/** The Performance tab: a VM's or host's graphs, or a pool's hosts side by side. */
export function PerformanceTab({ subject }: { subject: DetailsSubject }) {
  switch (subject.kind) {
    case 'vm':
      return <ObjectPerformance kind="vm" object={subject.object} />;
    case 'host':
      return <ObjectPerformance kind="host" object={subject.object} />;
    case 'pool':
      return <PoolPerformance poolId={subject.object.$pool} />;
    default:
      return null;
  }
}

interface View {
  readonly from: number;
  readonly to: number;
}

/** The range picker, zoom reset and pan shared by every graph of the tab (XenCenter moves them together). */
function RangeBar({ range, onRange, zoom, onZoom }: { range: TimeRange; onRange(range: TimeRange): void; zoom: View | null; onZoom(view: View | null): void }) {
  const ids = useId();
  const now = Date.now() / 1000;
  const view = zoom ?? { from: now - range.seconds, to: now };
  const pan = (direction: -1 | 1) => {
    const width = view.to - view.from;
    const to = Math.min(now, view.to + (direction * width) / 2);
    onZoom({ from: to - width, to });
  };
  return (
    <div className="perf-toolbar">
      <label htmlFor={`${ids}-range`}>Time range</label>
      <select id={`${ids}-range`} value={range.label} onChange={(event) => onRange(timeRanges.find((r) => r.label === event.target.value) ?? timeRanges[0]!)}>
        {timeRanges.map((r) => (
          <option key={r.label}>{r.label}</option>
        ))}
      </select>
      <button type="button" className="toolbar-button" onClick={() => pan(-1)} aria-label="Earlier">
        ◀
      </button>
      <button type="button" className="toolbar-button" onClick={() => pan(1)} aria-label="Later" disabled={zoom === null}>
        ▶
      </button>
      <button type="button" className="toolbar-button" onClick={() => onZoom(null)} disabled={zoom === null}>
        Reset Zoom
      </button>
    </div>
  );
}

function downloadCsv(title: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${title.replace(/[^\w.-]+/g, '_')}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A graph's lines from an object's grids, in display units. */
function useGraphData(grids: ObjectGrids | undefined, graph: GraphSpec) {
  return useMemo(() => graphColumns(grids, graph.sources, graph.sources.map((name) => sourceInfo(name).scale)), [grids, graph]);
}

function GraphCard({ graph, grids, view, markers, onZoom, actions }: {
  graph: GraphSpec;
  grids: ObjectGrids | undefined;
  view: View;
  markers: Parameters<typeof PerfGraph>[0]['markers'];
  onZoom(view: View): void;
  actions?: { edit(): void; remove(): void; up(): void; down(): void; first: boolean; last: boolean };
}) {
  const { times, rows } = useGraphData(grids, graph);
  return (
    <div className="perf-card">
      <PerfGraph title={graph.title} sources={graph.sources} times={times} rows={rows} from={view.from} to={view.to} markers={markers} onZoom={(from, to) => onZoom({ from, to })} />
      <div className="perf-card-actions">
        {actions && (
          <>
            <button type="button" className="link-button" onClick={actions.edit} aria-label={`Edit ${graph.title}`}>
              Edit
            </button>
            <button type="button" className="link-button" onClick={actions.up} disabled={actions.first} aria-label={`Move ${graph.title} up`}>
              Up
            </button>
            <button type="button" className="link-button" onClick={actions.down} disabled={actions.last} aria-label={`Move ${graph.title} down`}>
              Down
            </button>
            <button type="button" className="link-button" onClick={actions.remove} aria-label={`Remove ${graph.title}`}>
              Remove
            </button>
          </>
        )}
        <button type="button" className="link-button" onClick={() => downloadCsv(graph.title, graphCsv(graph.sources, times, rows))} aria-label={`Export ${graph.title} as CSV`}>
          Export CSV
        </button>
      </div>
    </div>
  );
}

function ObjectPerformance({ kind, object }: { kind: GraphKind; object: XapiRecord<'VM'> | XapiRecord<'host'> }) {
  const bridge = useBridge();
  const [range, setRange] = useState<TimeRange>(timeRanges[0]!);
  const [zoom, setZoom] = useState<View | null>(null);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const stats = useObjectStats([object.$id], range.resolution, range.seconds);
  const grids = stats.grids.get(object.$id);
  const pool = useMirror((index) => poolObjectOf(index, object.$pool), [object.$pool]);
  const saved = savedGraphs(pool, object.uuid);
  const available = availableSources(grids);
  const graphs = saved ?? defaultGraphs(kind, available);
  const now = Date.now() / 1000;
  const view = zoom ?? { from: now - range.seconds, to: now };
  const jobs = useJobsStore((state) => state.jobs);
  const markers = useMirror((index) => graphMarkers(index, object, jobs.values(), view.from, view.to), [object, jobs, Math.floor(view.from / 60), Math.floor(view.to / 60)]);

  const save = async (next: GraphSpec[] | null) => {
    const result = await bridge.call('stats.saveLayout', { objectId: object.$id, graphs: next });
    if (!result.ok) reportFailure(result.error);
  };
  return (
    <div className="performance-tab" data-loading={stats.loading}>
      <RangeBar range={range} onRange={(r) => { setRange(r); setZoom(null); }} zoom={zoom} onZoom={setZoom} />
      <div className="perf-toolbar">
        <button type="button" className="toolbar-button" onClick={() => setEditing({ index: null })}>
          New Graph…
        </button>
        <button type="button" className="toolbar-button" onClick={() => void save(null)} disabled={saved === null}>
          Restore Default Graphs
        </button>
        {stats.error && <span className="error-text">{stats.error}</span>}
        {!stats.loading && !stats.error && available.length === 0 && <span className="muted">No data: the pool records metrics while the {kind === 'vm' ? 'VM runs' : 'server is up'}.</span>}
      </div>
      <div className="perf-graphs">
        {graphs.map((graph, i) => (
          <GraphCard
            key={`${i}:${graph.title}`}
            graph={graph}
            grids={grids}
            view={view}
            markers={markers}
            onZoom={setZoom}
            actions={{
              edit: () => setEditing({ index: i }),
              remove: () => void save(graphs.filter((_g, j) => j !== i)),
              up: () => void save(moveGraph(graphs, i, -1)),
              down: () => void save(moveGraph(graphs, i, 1)),
              first: i === 0,
              last: i === graphs.length - 1,
            }}
          />
        ))}
      </div>
      {editing && (
        <GraphChooserDialog
          initial={editing.index === null ? null : graphs[editing.index] ?? null}
          available={available}
          onClose={() => setEditing(null)}
          onSave={(graph) => {
            const next = editing.index === null ? [...graphs, graph] : graphs.map((g, j) => (j === editing.index ? graph : g));
            setEditing(null);
            void save(next);
          }}
        />
      )}
    </div>
  );
}

/** A pool's hosts side by side, each with a host's default graphs, from the same cache. */
function PoolPerformance({ poolId }: { poolId: string }) {
  const [range, setRange] = useState<TimeRange>(timeRanges[0]!);
  const [zoom, setZoom] = useState<View | null>(null);
  const hosts = useMirror((index) => objectsOfType(index, 'host', poolId).sort(byName).map((host) => ({ id: host.$id, name: nameOf(host) })), [poolId]);
  const stats = useObjectStats(hosts.map((host) => host.id), range.resolution, range.seconds);
  const now = Date.now() / 1000;
  const view = zoom ?? { from: now - range.seconds, to: now };
  return (
    <div className="performance-tab">
      <RangeBar range={range} onRange={(r) => { setRange(r); setZoom(null); }} zoom={zoom} onZoom={setZoom} />
      <div className="perf-hosts">
        {hosts.map((host) => {
          const grids = stats.grids.get(host.id);
          return (
            <section key={host.id} className="perf-host" aria-label={host.name}>
              <h3>{host.name}</h3>
              {defaultGraphs('host', availableSources(grids)).map((graph) => (
                <GraphCard key={graph.title} graph={graph} grids={grids} view={view} markers={[]} onZoom={setZoom} />
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}
