import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { BusyLabel } from '../../components/busy-label.js';
import { CallError } from './call-error.js';
import './dialogs.css';

interface DialogFrameProps {
  /** The dialog's title, also its accessible name. */
  title: string;
  /** A sentence under the title saying what will happen (the dialog's accessible description). */
  intro?: ReactNode;
  className?: string;
  onCancel(): void;
  /** Enter in a field and the submit button both end up here (never while disabled or busy). */
  onSubmit(): void;
  submitLabel: string;
  /** The submit button's text while the call runs ("Migrating…"). */
  busyLabel?: string;
  busy?: boolean;
  /** Why the submit button is disabled; shown next to the buttons. Null or undefined: enabled. */
  blockedBy?: string | null;
  /** Deletes and force operations: a red button, and Cancel is focused first so Enter does not destroy. */
  danger?: boolean;
  error?: ApiError | null;
  /** The Cancel button's text ("Close" for a dialog that only informs). */
  cancelLabel?: string;
  /** Hide the submit button (an information-only dialog). */
  noSubmit?: boolean;
  children?: ReactNode;
}

/**
 * The frame every Xenith dialog shares: a modal with its title as accessible name, an intro as description, the
 * body, the inline call error (sentence and code), and the submit/Cancel buttons with the reason a disabled
 * submit gives.
 */
export function DialogFrame(props: DialogFrameProps) {
  const { title, intro, className, onCancel, onSubmit, submitLabel, busyLabel, busy = false, blockedBy, danger = false, error = null, children } = props;
  const ids = useId();
  const titleId = `${ids}-title`;
  const introId = `${ids}-intro`;
  const reasonId = `${ids}-reason`;
  const canSubmit = !busy && !blockedBy;
  const formRef = useRef<HTMLFormElement>(null);
  // Fields are locked while a call runs, which drops the focus: after a failure, put it back where the fix is typed.
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[data-autofocus]:not([disabled])')?.focus();
  }, [error]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canSubmit && !props.noSubmit) onSubmit();
  };
  return (
    <ModalDialog labelledBy={titleId} describedBy={intro ? introId : undefined} onCancel={onCancel} className={className ? `xenith-dialog ${className}` : 'xenith-dialog'}>
      <form ref={formRef} onSubmit={submit} aria-busy={busy} noValidate>
        <h2 id={titleId}>{title}</h2>
        {intro && (
          <p id={introId} className="dialog-intro">
            {intro}
          </p>
        )}
        {children}
        <CallError error={error} />
        <div className="dialog-buttons">
          {blockedBy && !busy && (
            <span id={reasonId} className="blocked-reason">
              {blockedBy}
            </span>
          )}
          {!props.noSubmit && (
            <button type="submit" className={danger ? 'danger' : 'primary'} disabled={!canSubmit} aria-describedby={blockedBy ? reasonId : undefined}>
              <BusyLabel busy={busy} label={submitLabel} busyLabel={busyLabel ?? `${submitLabel}…`} />
            </button>
          )}
          <button type="button" onClick={onCancel} data-autofocus={danger || props.noSubmit ? true : undefined}>
            {props.cancelLabel ?? 'Cancel'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
