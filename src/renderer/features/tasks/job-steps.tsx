import { useEffect, useRef } from 'react';
import type { JobDecision, JobStep } from '../../../shared/api/job-schema.js';
import { useBridge } from '../../app/bridge-context.js';
import { callForCommand } from '../../commands/report-failure.js';
import { formatDuration } from './format-duration.js';
import './job-steps.css';

const stepMarks: Record<JobStep['state'], string> = { pending: '○', running: '◐', done: '●', failed: '✕', skipped: '–' };
const stepStates: Record<JobStep['state'], string> = { pending: 'To do', running: 'Running', done: 'Done', failed: 'Failed', skipped: 'Skipped' };

/** What each decision is called, in the task panel and its detail view. */
export const decisionLabels: Record<JobDecision, string> = { resume: 'Resume', retry: 'Retry step', skip: 'Skip host', abort: 'Abort' };

/** The buttons of a paused job: what the person may choose now (updates.decide). */
export function DecisionButtons({ jobId, title, decisions }: { jobId: string; title: string; decisions: readonly JobDecision[] }) {
  const bridge = useBridge();
  return (
    <>
      {decisions.map((decision) => (
        <button
          key={decision}
          type="button"
          className={decision === 'resume' ? 'toolbar-button primary' : 'toolbar-button'}
          onClick={() => void callForCommand(bridge, 'updates.decide', { jobId, decision })}
          aria-label={`${decisionLabels[decision]}: ${title}`}
        >
          {decisionLabels[decision]}
        </button>
      ))}
    </>
  );
}

/**
 * A multi-step job's detail view (a rolling pool update): every step with where it stands, how long it took and
 * what it says (the error that paused it, the VMs it brought back), then the job's notes (servers left out).
 */
export function JobStepList({ title, steps, notes, now }: { title: string; steps: readonly JobStep[]; notes: readonly string[]; now: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // Opened in a panel that scrolls: brought into view, once.
  useEffect(() => ref.current?.scrollIntoView?.({ block: 'nearest' }), []);
  return (
    <div className="job-steps" ref={ref}>
      <ol className="job-step-list" aria-label={`Steps of ${title}`}>
        {steps.map((step) => (
          <li key={step.id} className={`job-step ${step.state}`} aria-label={`${step.label}: ${stepStates[step.state]}`}>
            <span className="job-step-mark" aria-hidden="true">
              {stepMarks[step.state]}
            </span>
            <span className="job-step-label">{step.label}</span>
            <span className="job-step-time">{step.startedAt !== null && step.state !== 'pending' ? formatDuration((step.finishedAt ?? now) - step.startedAt) : ''}</span>
            {step.error && (
              <span className="job-step-error" role="note">
                {step.error.message} <code>{step.error.code}</code>
              </span>
            )}
            {!step.error && step.note && <span className="job-step-note">{step.note}</span>}
          </li>
        ))}
      </ol>
      {notes.length > 0 && (
        <ul className="job-notes" aria-label={`Notes of ${title}`}>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
