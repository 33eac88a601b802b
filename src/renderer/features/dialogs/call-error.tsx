import type { ApiError } from '../../../shared/api/errors.js';

/** A failed call inside a dialog: the sentence a person can act on, then XAPI's (or Xenith's) code. */
export function CallError({ error, id }: { error: ApiError | null; id?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="error inline-error" role="alert">
      {error.message} <code className="error-code">({error.code})</code>
    </p>
  );
}
