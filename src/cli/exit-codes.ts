/** Exit codes people can script: 0 ok, 1 the call failed (XAPI's code on stderr), 2 usage. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in the command line: nothing was called; exits 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The server (or XAPI behind it) refused or failed: exits 1 with `CODE: sentence`. */
export class CallFailedError extends Error {
  override readonly name = 'CallFailedError';
  constructor(readonly code: string, message: string, readonly params: readonly string[] = []) {
    super(message);
  }
}
