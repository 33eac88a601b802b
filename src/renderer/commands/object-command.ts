import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import type { XapiObject } from '../../shared/xapi/objects.js';
import type { Command, CommandContext, CommandSelection } from './command.js';
import { askToConfirm, type Confirmation } from './ask-to-confirm.js';
import { poolIsConnected, selectionIs, whyNot } from './selection-facts.js';

/** What makes a command that acts on the selected objects (VMs, servers). */
export interface ObjectCommandSpec<T extends XapiObject> {
  readonly id: CommandId;
  /** The selection's label when it depends on it ("Resume"); the model's label otherwise. */
  readonly label?: (selection: CommandSelection) => string;
  /** The kind of object it is for: every selected row must be one. */
  readonly kind: (object: XapiObject) => object is T;
  /** Only for one object at a time (the dialog it opens takes one). */
  readonly single?: boolean;
  /** Whether this object can do it now (its allowed_operations, enabled flag…). */
  readonly can: (object: T, selection: CommandSelection) => boolean;
  /** Why it cannot, when a definite fact says so (a VM's power state); else the pool's refusal is the reason. */
  readonly reason?: (object: T) => string | undefined;
  /** Asked first, for operations XenCenter confirms (force operations, server reboots); undefined: not this time. */
  readonly confirm?: (objects: readonly T[], selection: CommandSelection, context: CommandContext) => Confirmation | undefined;
  /** Does it, for the objects that can (a bulk start skips the VMs already running). */
  readonly act: (objects: readonly T[], context: CommandContext) => void | Promise<void>;
}

/**
 * A command on the selected objects: it shows when the whole selection is of its kind, is enabled when at least
 * one selected object of a connected pool can do it now, and acts on exactly those objects.
 */
export function objectCommand<T extends XapiObject>(spec: ObjectCommandSpec<T>): Command {
  const label = spec.label ?? (() => commandText[spec.id].label);
  const appliesTo = (selection: CommandSelection) => selectionIs(selection, spec.kind) && (!spec.single || selection.keys.length === 1);
  const eligible = (selection: CommandSelection) =>
    selection.objects.filter(spec.kind).filter((object) => poolIsConnected(selection, object) && spec.can(object, selection));
  return {
    id: spec.id,
    shortcut: commandText[spec.id].accelerator,
    label,
    appliesTo,
    isEnabled: (selection) => appliesTo(selection) && eligible(selection).length > 0,
    disabledReason: (selection) => {
      if (!appliesTo(selection) || eligible(selection).length > 0) return undefined;
      const reason = spec.reason;
      return whyNot(selection, selection.objects, label(selection).replace(/…$/, '').toLowerCase(), reason && ((object) => (spec.kind(object) ? reason(object) : undefined)));
    },
    run: async (context) => {
      const objects = eligible(context.selection);
      if (objects.length === 0) return;
      const question = spec.confirm?.(objects, context.selection, context);
      if (question) askToConfirm(question, () => spec.act(objects, context));
      else await spec.act(objects, context);
    },
  };
}
