/** Where the server writes what it does. Implementations must never receive secrets (see redact). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const secretKeys = /pass(word)?|secret|token|session_?id|cookie|authorization/i;

/** Copies log fields with anything that looks like a secret replaced, so a careless caller cannot leak one. */
export function redact(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = secretKeys.test(key) ? '[redacted]' : value;
  }
  return out;
}

/** A logger writing one JSON line per entry to a stream (stderr by default). */
export function createStreamLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...redact(fields) })}\n`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests that don't look at logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
