import { useCallback } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import type { Command } from '../../commands/command.js';
import { runCommand } from '../../commands/registry.js';
import { currentCommandSelection } from '../../commands/use-command-selection.js';

/** Runs a command against the selection as it is at the moment of the click (not as it was when the menu drew). */
export function useRunCommand(): (command: Command) => boolean {
  const bridge = useBridge();
  return useCallback((command: Command) => runCommand(command, { bridge, selection: currentCommandSelection() }), [bridge]);
}
