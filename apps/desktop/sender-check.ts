import { isAppUrl } from './app-origin.js';

/** What the IPC bridge knows about the frame a call came from (read off Electron's event by ipc.ts). */
export interface SenderFacts {
  /** URL of the sending frame, or null when Electron no longer has the frame (navigated or destroyed). */
  readonly frameUrl: string | null;
  /** True when the frame is the top-level frame of its page (not an iframe). */
  readonly isMainFrame: boolean;
  /** True when the page belongs to a window this app created. */
  readonly fromAppWindow: boolean;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/**
 * Decides whether an IPC call may reach the server.
 *
 * SECURITY-CRITICAL: a call is trusted only from the main frame of one of our windows showing the app's
 * own origin (app://xenith). Calls from iframes, foreign pages or unknown webContents are refused.
 */
export function checkSender(facts: SenderFacts): SenderVerdict {
  if (facts.frameUrl === null) return { trusted: false, reason: 'the sending frame is gone' };
  if (!facts.fromAppWindow) return { trusted: false, reason: 'the call did not come from a Xenith window' };
  if (!facts.isMainFrame) return { trusted: false, reason: 'the call came from a subframe' };
  if (!isAppUrl(facts.frameUrl)) return { trusted: false, reason: `the frame is not the app origin (${facts.frameUrl})` };
  return { trusted: true };
}
