import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface ModalDialogProps {
  /** Id of the element holding the dialog's title (its accessible name). */
  labelledBy: string;
  /** Id of the element that explains the dialog (its accessible description). */
  describedBy?: string;
  /** Escape and the Cancel button both end up here. */
  onCancel(): void;
  className?: string;
  children: ReactNode;
}

const focusable = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native `<dialog>`: `showModal()` makes the rest of the page inert, Tab wraps around
 * inside it, Escape cancels, and focus starts on the element marked `data-autofocus` (else the first field).
 * Mount it to open it, unmount it to close it.
 */
export function ModalDialog({ labelledBy, describedBy, onCancel, className, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;

  useEffect(() => {
    const dialog = ref.current!;
    const previouslyFocused = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]:not([disabled])')?.focus();
    const onNativeCancel = (event: Event) => {
      event.preventDefault(); // React state decides whether the dialog stays mounted.
      cancelRef.current();
    };
    dialog.addEventListener('cancel', onNativeCancel);
    return () => {
      dialog.removeEventListener('cancel', onNativeCancel);
      dialog.close();
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
  }, []);

  const wrapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog ref={ref} className={className ? `modal ${className}` : 'modal'} aria-labelledby={labelledBy} aria-describedby={describedBy} aria-modal="true" onKeyDown={wrapTab}>
      {children}
    </dialog>
  );
}
