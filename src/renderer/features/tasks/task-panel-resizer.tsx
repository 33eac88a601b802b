import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampTaskPanelHeight, resizeStepPx } from './task-panel-size.js';

interface ResizerProps {
  /** The height chosen (or being dragged to); null while the panel sizes itself. */
  readonly height: number | null;
  /** While dragging: the height to show. */
  onResize(height: number): void;
  /** When the drag or key press is over: the height to keep, or null to let the panel size itself again. */
  onCommit(height: number | null): void;
}

/**
 * The task panel's top edge as a splitter (WAI-ARIA window splitter): drag it, or focus it and use Up/Down
 * (Home gives the panel back its own size; so does a double-click). The height chosen is a saved preference.
 */
export function TaskPanelResizer({ height, onResize, onCommit }: ResizerProps) {
  const drag = useRef<{ startY: number; startHeight: number; last: number } | null>(null);
  /** The panel's height now: the chosen one, else as it sized itself (the splitter sits on the panel's top edge). */
  const current = (element: HTMLElement) => height ?? Math.round(element.parentElement?.getBoundingClientRect().height ?? 0);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const start = current(event.currentTarget);
    drag.current = { startY: event.clientY, startHeight: start, last: start };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    current.last = clampTaskPanelHeight(current.startHeight + current.startY - event.clientY, window.innerHeight);
    onResize(current.last);
  };
  const onPointerUp = () => {
    const current = drag.current;
    drag.current = null;
    if (current && current.last !== current.startHeight) onCommit(current.last);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowUp' ? resizeStepPx : event.key === 'ArrowDown' ? -resizeStepPx : 0;
    if (step !== 0) onCommit(clampTaskPanelHeight(current(event.currentTarget) + step, window.innerHeight));
    else if (event.key === 'Home') onCommit(null);
    else return;
    event.preventDefault();
  };
  return (
    <div
      className="task-panel-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Task panel height"
      aria-valuenow={height ?? undefined}
      tabIndex={0}
      title="Drag to resize the task panel; double-click to let it size itself"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onCommit(null)}
      onKeyDown={onKeyDown}
    />
  );
}
