import { within } from '../util/within.js';

/** How long stopping may take before the process exits anyway (each pool's logout is bounded shorter). */
export const stopBoundMs = 10_000;

/**
 * Stops cleanly on SIGTERM, SIGINT and SIGHUP (the terminal closed): runs `stop` (close the transport, log out of
 * every pool) and exits 0. A stop that outlives the bound, or a second signal, exits 1 at once: a user pressing
 * Ctrl+C twice wants out now.
 */
export function stopOnSignals(stop: () => Promise<void>, say: (line: string) => void, boundMs = stopBoundMs): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`xenith serve: ${signal} again, exiting without waiting for the pools to log out.`);
      process.exit(1);
    }
    stopping = true;
    const stopped = stop().then(
      () => 'stopped' as const,
      (error: unknown) => {
        say(`xenith serve: stopping failed: ${String(error)}`);
        return 'failed' as const;
      },
    );
    void within(stopped, boundMs, 'late' as const).then((outcome) => {
      if (outcome === 'late') say(`xenith serve: stopping took longer than ${boundMs / 1000} s; exiting anyway.`);
      process.exit(outcome === 'stopped' ? 0 : 1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}
