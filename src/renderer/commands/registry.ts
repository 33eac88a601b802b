import type { CommandId } from '../../shared/ui/menu-model.js';
import { appCommands } from './app-commands.js';
import { fileCommands } from './file-commands.js';
import type { Command, CommandContext } from './command.js';
import { hostCommands } from './host-commands.js';
import { objectCommands } from './object-commands.js';
import { poolCommands } from './pool-commands.js';
import { propertiesCommand } from './properties-command.js';
import { snapshotCommands } from './snapshot-commands.js';
import { storageNetworkCommands } from './storage-network-commands.js';
import { installUpdateCommand } from './update-commands.js';
import { vmCommands } from './vm-commands.js';
import { reportFailure } from './report-failure.js';

/** Every command of the main window, by id. */
export const commands: ReadonlyMap<CommandId, Command> = new Map(
  [...poolCommands, ...objectCommands, ...vmCommands, ...snapshotCommands, ...storageNetworkCommands, ...fileCommands, ...hostCommands, ...appCommands, propertiesCommand, installUpdateCommand].map((command) => [command.id, command]),
);

export function commandById(id: CommandId): Command {
  const command = commands.get(id);
  if (!command) throw new Error(`No command ${id}`);
  return command;
}

/**
 * Runs a command if it applies to the selection and is enabled now (menus, buttons and shortcuts all come here,
 * so a stale menu or a key pressed at the wrong moment cannot act on the wrong thing). True when it ran.
 */
export function runCommand(command: Command, context: CommandContext): boolean {
  if (!command.appliesTo(context.selection) || !command.isEnabled(context.selection)) return false;
  void Promise.resolve()
    .then(() => command.run(context))
    .catch((error: unknown) => reportFailure({ code: 'INTERNAL', message: `${command.label(context.selection)} failed: ${String(error)}` }));
  return true;
}
