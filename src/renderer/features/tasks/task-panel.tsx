import { useState } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { saveSettings } from '../../app/save-settings.js';
import { useNow } from '../../app/use-now.js';
import { callForCommand } from '../../commands/report-failure.js';
import { useAppStore } from '../../store/app-store.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { keyForObject, useTreeUiStore } from '../tree/tree-ui-store.js';
import { clearFinishedTasks } from './clear-finished.js';
import { formatDuration } from './format-duration.js';
import { DecisionButtons, JobStepList } from './job-steps.js';
import { TaskPanelResizer } from './task-panel-resizer.js';
import { autoListHeight } from './task-panel-size.js';
import { isFinished, progressDisplay, type TaskRow } from './task-rows.js';
import { transferText } from './transfer-text.js';
import { taskRowLimit, useTaskRows } from './use-task-rows.js';
import './task-panel.css';

const stateText: Record<TaskRow['state'], string> = {
  running: 'Running',
  cancelling: 'Cancelling…',
  paused: 'Paused',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function TaskLine({ row, now }: { row: TaskRow; now: number }) {
  const bridge = useBridge();
  // A paused job opens its detail view by itself: the person has to choose, and sees why.
  const [detailsChosen, setDetailsChosen] = useState<boolean | null>(null);
  const details = row.steps !== null && (detailsChosen ?? row.state === 'paused');
  const object = useObjectsStore((state) => (row.objectId ? state.objects.get(row.objectId) : undefined));
  const pool = usePoolsStore((state) => state.pools.get(row.poolId));
  const objectName = object ? ('name_label' in object ? object.name_label : object.$id) : '';
  const shown = progressDisplay(row);
  const cancel = () =>
    row.source.kind === 'job'
      ? callForCommand(bridge, 'jobs.cancel', { jobId: row.source.jobId })
      : callForCommand(bridge, 'tasks.cancel', { taskId: row.source.taskId });
  return (
    <>
      <tr className={`task-line ${row.state}`} aria-label={row.title}>
        <td className="task-title">{row.title}</td>
        <td className="task-object">{objectName}</td>
        <td className="task-pool">{pool ? pool.label || pool.address : ''}</td>
        <td className="task-progress">
          {shown.kind === 'bar' && <progress max={1} value={shown.value} aria-label={`${row.title}: ${shown.percent}%`} />}
          {shown.kind === 'indeterminate' && <progress max={1} aria-label={`${row.title}: starting`} />}
          <span className="task-percent">{shown.kind === 'bar' ? `${shown.percent}%` : ''}</span>
          {row.transfer && <span className="task-transfer">{transferText(row.transfer, !isFinished(row))}</span>}
        </td>
        <td className="task-duration">{formatDuration((row.finishedAt ?? now) - row.startedAt)}</td>
        <td className="task-state">
          <span className="task-state-text">{stateText[row.state]}</span>
          {row.error && (
            <span className="task-error" role="note">
              {row.error.message} <code>{row.error.code}</code>
            </span>
          )}
        </td>
        <td className="task-actions">
          {row.source.kind === 'job' && row.decisions.length > 0 && <DecisionButtons jobId={row.source.jobId} title={row.title} decisions={row.decisions} />}
          {row.steps !== null && (
            <button type="button" className="toolbar-button" aria-expanded={details} onClick={() => setDetailsChosen(!details)} aria-label={`Details of ${row.title}`}>
              Details
            </button>
          )}
          {row.cancellable && (
            <button type="button" className="toolbar-button" onClick={() => void cancel()} aria-label={`Cancel ${row.title}`}>
              Cancel
            </button>
          )}
          {object && (
            <button type="button" className="toolbar-button" onClick={() => useTreeUiStore.getState().select(keyForObject(object))} aria-label={`Go to ${objectName}`}>
              Go To
            </button>
          )}
        </td>
      </tr>
      {details && row.steps && (
        <tr className="task-detail">
          <td colSpan={7}>
            <JobStepList title={row.title} steps={row.steps} notes={row.notes} now={now} />
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * XenCenter's task list, at the bottom of the window: Xenith's jobs and the XAPI tasks other clients run on
 * every pool, with progress, running time, Cancel, Go To and why a failed one failed. Collapsible; the choice is
 * a saved preference.
 */
export function TaskPanel() {
  const bridge = useBridge();
  const open = useAppStore((state) => state.settings.taskPanelOpen);
  const chosenHeight = useAppStore((state) => state.settings.taskPanelHeight);
  const rows = useTaskRows();
  const running = rows.filter((row) => !isFinished(row)).length;
  const finished = rows.length - running;
  const now = useNow(open && running > 0);
  // While dragging, the height follows the pointer; it is saved when the drag ends.
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const height = dragHeight ?? chosenHeight;
  const commit = (next: number | null) => {
    setDragHeight(null);
    void saveSettings(bridge, { taskPanelHeight: next });
  };
  return (
    <section
      className={open ? (height === null ? 'task-panel open auto' : 'task-panel open') : 'task-panel'}
      aria-label="Tasks"
      style={open && height !== null ? { height } : undefined}
    >
      {open && <TaskPanelResizer height={height} onResize={setDragHeight} onCommit={commit} />}
      <div className="task-panel-header">
        <button
          type="button"
          className="task-panel-toggle"
          aria-expanded={open}
          aria-controls="task-panel-list"
          onClick={() => void saveSettings(bridge, { taskPanelOpen: !open })}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'} </span>
          Tasks
        </button>
        <span className="task-summary" data-testid="task-summary">
          {running > 0 ? `${running} running` : 'Nothing running'}
          {finished > 0 ? ` · ${finished} finished` : ''}
        </span>
        <span className="spacer" />
        {open && (
          <button type="button" className="toolbar-button" disabled={finished === 0} onClick={() => void clearFinishedTasks(bridge)}>
            Clear Finished
          </button>
        )}
      </div>
      {open && (
        <div className="task-panel-body" id="task-panel-list" style={height === null ? { maxHeight: autoListHeight(rows.length, running) } : undefined}>
          {rows.length === 0 ? (
            <p className="task-empty">No tasks. Actions you start, and tasks other clients run on your pools, show here.</p>
          ) : (
            <table className="task-table" aria-label="Task list">
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Object</th>
                  <th scope="col">Pool</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Time</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <TaskLine key={row.key} row={row} now={now} />
                ))}
              </tbody>
            </table>
          )}
          {rows.length === taskRowLimit && <p className="task-empty">Showing the newest {taskRowLimit} tasks.</p>}
        </div>
      )}
    </section>
  );
}
