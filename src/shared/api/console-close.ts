/**
 * WebSocket close codes the console proxy uses, so the Console tab can say why a console ended and
 * whether reconnecting makes sense (a reboot or migration: yes, at once; a halted VM: no).
 */
export const consoleCloseCodes = {
  /** The VM restarted or moved: open the console again (it will reach the new host). */
  restarted: 4001,
  vmHalted: 4002,
  hostUnreachable: 4003,
  sessionExpired: 4004,
  certificateChanged: 4005,
  refused: 4006,
} as const;

export type ConsoleCloseReason = keyof typeof consoleCloseCodes;

/** Whether the Console tab should reconnect by itself after this close code. */
export function consoleShouldReconnect(code: number): boolean {
  return code === consoleCloseCodes.restarted;
}
