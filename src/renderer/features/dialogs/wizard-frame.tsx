import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { BusyLabel } from '../../components/busy-label.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { CallError } from './call-error.js';
import './dialogs.css';
import '../new-vm/new-vm-wizard.css';

interface WizardFrameProps {
  /** The wizard's title, also its accessible name. */
  title: string;
  className: string;
  /** Each step's title, in order. */
  stepTitles: readonly string[];
  stepIndex: number;
  /** Whether the step list may open step `index` (every step before it is valid). */
  reachable(index: number): boolean;
  onStep(index: number): void;
  /** Why Next (or the last step's button) is disabled; null when it is not. */
  problem: string | null;
  busy: boolean;
  error: ApiError | null;
  /** The last step's button ("Create Now", "Finish") and its text while the call runs. */
  finishLabel: string;
  finishBusyLabel: string;
  /** The last step's action (earlier steps go on to the next). */
  onFinish(): void;
  onCancel(): void;
  /** The current step's content (its heading is the frame's). */
  children: ReactNode;
}

/**
 * XenCenter's wizard frame, shared by the New VM and cross-pool Migrate wizards: a step list on the left, one step
 * on the right under its heading, Back / Next (disabled with the reason until the step is valid) / Cancel, and the
 * finishing button on the last step. Each step starts where the person types: its marked field, else its heading.
 */
export function WizardFrame(props: WizardFrameProps) {
  const { title, className, stepTitles, stepIndex, reachable, onStep, problem, busy, error, finishLabel, finishBusyLabel, onFinish, onCancel, children } = props;
  const ids = useId();
  const panelRef = useRef<HTMLElement>(null);
  const isLast = stepIndex === stepTitles.length - 1;
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    (panel.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ?? panel.querySelector<HTMLElement>('h3'))?.focus();
  }, [stepIndex]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || busy) return;
    if (isLast) onFinish();
    else onStep(stepIndex + 1);
  };
  const titleId = `${ids}-title`;
  const reasonId = `${ids}-reason`;
  return (
    <ModalDialog labelledBy={titleId} onCancel={onCancel} className={`xenith-dialog ${className}`}>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <h2 id={titleId}>{title}</h2>
        <div className="wizard-body">
          <nav aria-label="Steps" className="wizard-steps">
            <ol>
              {stepTitles.map((stepTitle, index) => (
                <li key={stepTitle}>
                  <button
                    type="button"
                    className={index === stepIndex ? 'wizard-step current' : 'wizard-step'}
                    aria-current={index === stepIndex ? 'step' : undefined}
                    disabled={busy || !reachable(index)}
                    onClick={() => onStep(index)}
                  >
                    {stepTitle}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <section className="wizard-panel" ref={panelRef} aria-labelledby={`${ids}-step`}>
            <h3 id={`${ids}-step`} tabIndex={-1}>
              {stepTitles[stepIndex]}
            </h3>
            {children}
          </section>
        </div>
        <CallError error={error} />
        <div className="dialog-buttons">
          {problem && !busy && (
            <span id={reasonId} className="blocked-reason">
              {problem}
            </span>
          )}
          <button type="button" onClick={() => onStep(stepIndex - 1)} disabled={stepIndex === 0 || busy}>
            <span aria-hidden="true">‹ </span>Back
          </button>
          <button type="submit" className="primary" disabled={problem !== null || busy} aria-describedby={problem ? reasonId : undefined}>
            {isLast ? (
              <BusyLabel busy={busy} label={finishLabel} busyLabel={finishBusyLabel} />
            ) : (
              <>
                Next<span aria-hidden="true"> ›</span>
              </>
            )}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
