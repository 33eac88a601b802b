import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { BusyLabel } from '../../components/busy-label.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { CallError } from '../dialogs/call-error.js';
import '../dialogs/dialogs.css';
import '../new-vm/new-vm-wizard.css';

interface WizardFrameProps {
  /** The wizard's title ("New Storage Repository"), its accessible name. */
  title: string;
  className: string;
  steps: readonly { readonly id: string; readonly title: string }[];
  current: number;
  /** What stops each step (null: valid); a step opens only when every step before it is valid. */
  problems: readonly (string | null)[];
  onGo(index: number): void;
  /** Next on any step but the last (the wizard may scan first), Finish on the last. */
  onNext(): void;
  finishLabel: string;
  busyLabel: string;
  busy: boolean;
  error: ApiError | null;
  onCancel(): void;
  children: ReactNode;
}

/**
 * XenCenter's wizard layout, shared by the New Storage Repository and New Network wizards: the step list on the
 * left, one step on the right with its title, Back / Next (disabled with the reason until the step is valid) /
 * Cancel, the finishing button on the last step, and the call's failure inline with its code.
 */
export function WizardFrame(props: WizardFrameProps) {
  const { title, className, steps, current, problems, onGo, onNext, finishLabel, busyLabel, busy, error, onCancel, children } = props;
  const ids = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const step = steps[current]!;
  const problem = problems[current] ?? null;
  const isLast = current === steps.length - 1;
  const reachable = (index: number) => problems.slice(0, index).every((each) => each === null);

  useEffect(() => {
    const panel = panelRef.current;
    const target = panel?.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ?? panel?.querySelector<HTMLElement>('h3');
    target?.focus();
  }, [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem && !busy) onNext();
  };
  const reasonId = `${ids}-reason`;
  return (
    <ModalDialog labelledBy={`${ids}-title`} onCancel={onCancel} className={`xenith-dialog new-vm-wizard ${className}`}>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <h2 id={`${ids}-title`}>{title}</h2>
        <div className="wizard-body">
          <nav aria-label="Steps" className="wizard-steps">
            <ol>
              {steps.map((each, index) => (
                <li key={each.id}>
                  <button
                    type="button"
                    className={index === current ? 'wizard-step current' : 'wizard-step'}
                    aria-current={index === current ? 'step' : undefined}
                    disabled={busy || !reachable(index)}
                    onClick={() => onGo(index)}
                  >
                    {each.title}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <section className="wizard-panel" ref={panelRef} aria-labelledby={`${ids}-step`}>
            <h3 id={`${ids}-step`} tabIndex={-1}>
              {step.title}
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
          <button type="button" onClick={() => onGo(current - 1)} disabled={current === 0 || busy}>
            <span aria-hidden="true">‹ </span>Back
          </button>
          <button type="submit" className="primary" disabled={problem !== null || busy} aria-describedby={problem ? reasonId : undefined}>
            {isLast ? (
              <BusyLabel busy={busy} label={finishLabel} busyLabel={busyLabel} />
            ) : busy ? (
              <BusyLabel busy label="Next" busyLabel="Scanning…" />
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
