import { formatPercent } from './format.js';

/** One coloured part of a bar. */
export interface BarSegment {
  readonly label: string;
  readonly bytes: number;
  /** A class from details.css choosing the colour (seg-xen, seg-dom0, seg-vms, seg-used…). */
  readonly tone: string;
}

/**
 * A horizontal bar of parts of a whole (memory split, SR usage), drawn with theme colours. It is an image whose
 * accessible name says the numbers, since the colours alone say nothing to a screen reader.
 */
export function UsageBar({ segments, total, label }: { segments: readonly BarSegment[]; total: number; label: string }) {
  return (
    <div className="usage-bar" role="img" aria-label={label} title={label}>
      {segments.map((segment) =>
        total > 0 && segment.bytes > 0 ? (
          <span key={segment.label} className={`usage-segment ${segment.tone}`} style={{ width: `${Math.min(100, (segment.bytes / total) * 100)}%` }} />
        ) : null,
      )}
    </div>
  );
}

/** A compact used/size bar for table cells: the bar and the percentage. */
export function UsageCell({ used, size }: { used: number; size: number }) {
  const percent = formatPercent(used, size);
  return (
    <span className="usage-cell">
      <UsageBar segments={[{ label: 'Used', bytes: used, tone: 'seg-used' }]} total={size} label={`${percent} used`} />
      <span className="usage-percent">{size > 0 ? percent : '-'}</span>
    </span>
  );
}
