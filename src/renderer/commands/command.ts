import type { PoolState } from '../../shared/api/pool-schema.js';
import type { CommandId } from '../../shared/ui/menu-model.js';
import type { XapiObject } from '../../shared/xapi/objects.js';
import type { Bridge } from '../bridge/bridge.js';

/** The selected objects a command acts on, resolved from the selection keys against the mirror. */
export interface CommandSelection {
  /** Selection keys, primary first. */
  readonly keys: readonly string[];
  /** Selected mirrored objects (VMs, hosts, SRs, pool objects…) in key order; pool rows give their XAPI pool object. */
  readonly objects: readonly XapiObject[];
  /** The Xenith pool id of the primary selection, if any (also for a disconnected pool's row). */
  readonly poolId: string | null;
  /** The connection state of every known pool: commands act only on objects of connected pools. */
  readonly poolStates: ReadonlyMap<string, PoolState>;
}

/** What a command may use when it runs. */
export interface CommandContext {
  readonly bridge: Bridge;
  readonly selection: CommandSelection;
}

/**
 * One user command, shared by the menu bar (or Electron's native menu), the toolbar, context menus and
 * keyboard shortcuts, so they can never disagree about what a command does or when it is available.
 */
export interface Command {
  /** Stable id (`vm.start`, `host.reboot`, `view.refresh`…), also sent by Electron's native menu. */
  readonly id: CommandId;
  /** Menu text; may depend on the selection ("Suspend" / "Resume"). */
  label(selection: CommandSelection): string;
  /** Electron accelerator syntax, e.g. `CmdOrCtrl+B`, `F2`, `Delete`. */
  readonly shortcut?: string;
  /** Whether the command shows for this selection at all (context menus and the toolbar hide the others). */
  appliesTo(selection: CommandSelection): boolean;
  /** Whether it can run now (from allowed_operations, power state, connection state). */
  isEnabled(selection: CommandSelection): boolean;
  /** Why it cannot run now, for a disabled item's tooltip (undefined when enabled or when there is nothing to say). */
  disabledReason?(selection: CommandSelection): string | undefined;
  run(context: CommandContext): void | Promise<void>;
}
