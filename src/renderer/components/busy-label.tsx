/** A submit button's text: the action, or a spinner and what is happening while the call runs. */
export function BusyLabel({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  if (!busy) return <>{label}</>;
  return (
    <>
      <span className="spinner" aria-hidden="true" /> {busyLabel}
    </>
  );
}
