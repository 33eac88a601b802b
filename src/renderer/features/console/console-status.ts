import { consoleCloseCodes, consoleShouldReconnect } from '../../../shared/api/console-close.js';

/** What the Console tab shows about its connection. */
export type ConsoleStatus =
  | { kind: 'not-running'; message: string }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; message: string }
  | { kind: 'disconnected'; message: string };

/** Turns the proxy's close code and reason into what the tab shows next. */
export function statusAfterClose(code: number, reason: string): ConsoleStatus {
  if (consoleShouldReconnect(code)) return { kind: 'reconnecting', message: reason || 'The VM restarted; reconnecting…' };
  if (code === consoleCloseCodes.vmHalted) return { kind: 'not-running', message: reason || 'The VM is not running.' };
  const known: Record<number, string> = {
    [consoleCloseCodes.hostUnreachable]: 'The host running this VM cannot be reached.',
    [consoleCloseCodes.sessionExpired]: 'The pool session expired.',
    [consoleCloseCodes.certificateChanged]: "The host's certificate changed; Xenith refused to connect.",
    [consoleCloseCodes.refused]: 'The host refused the console.',
  };
  return { kind: 'disconnected', message: reason || known[code] || `The console closed (code ${code}).` };
}
