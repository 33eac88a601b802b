import type { CommandId } from '../../../shared/ui/menu-model.js';
import type { Command, CommandSelection } from '../../commands/command.js';
import { commandById } from '../../commands/registry.js';
import { useCommandSelection } from '../../commands/use-command-selection.js';
import { countOf, summarizeSelection } from '../details/selection-summary.js';
import { useTreeUiStore } from '../tree/tree-ui-store.js';
import { useRunCommand } from '../menu/use-run-command.js';
import './toolbar.css';

/**
 * The lifecycle buttons, in XenCenter's order. Each slot shows the first of its commands that applies to the
 * selection (a VM's Shut Down, or a server's), and none when nothing applies.
 */
const lifecycleSlots: readonly (readonly CommandId[])[] = [
  ['vm.start'],
  ['vm.shutdown', 'host.shutdown'],
  ['vm.reboot', 'host.reboot'],
  ['vm.suspendResume'],
  ['vm.forceShutdown'],
  ['vm.forceReboot'],
];

/** Toolbar text: the menu label without the "…" (the button's accessible name is what it shows). */
const buttonText = (command: Command, selection: CommandSelection) => command.label(selection).replace(/…$/, '');

interface CommandButtonProps {
  command: Command;
  selection: CommandSelection;
  glyph?: string;
  text?: string;
  /** Back and Forward keep only their arrows when the window is narrow (the name stays for screen readers). */
  compact?: boolean;
}

function CommandButton({ command, selection, glyph, text, compact = false }: CommandButtonProps) {
  const run = useRunCommand();
  const enabled = command.appliesTo(selection) && command.isEnabled(selection);
  const shortcut = command.shortcut ? ` (${command.shortcut.replace('CmdOrCtrl', 'Ctrl')})` : '';
  const label = text ?? buttonText(command, selection);
  return (
    <button
      type="button"
      className={compact ? 'toolbar-button compact' : 'toolbar-button'}
      disabled={!enabled}
      title={enabled ? `${label}${shortcut}${selection.keys.length > 1 && command.appliesTo(selection) ? ` — all ${selectionScope(selection)}` : ''}` : (command.disabledReason?.(selection) ?? label)}
      onClick={() => run(command)}
    >
      {glyph && (
        <span className="toolbar-glyph" aria-hidden="true">
          {glyph}
        </span>
      )}
      <span className="toolbar-text">{label}</span>
    </button>
  );
}

/** Resume wakes a suspended VM: its own glyph, never Pause's or Suspend's. */
const resumeGlyph = '☀';

const glyphs: Partial<Record<CommandId, string>> = {
  'vm.start': '▶',
  'vm.shutdown': '■',
  'host.shutdown': '■',
  'vm.reboot': '↻',
  'host.reboot': '↻',
  'vm.suspendResume': '☾',
  'vm.forceShutdown': '✖',
  'vm.forceReboot': '⟲',
};

/** What a multi-selection's buttons act on: "3 VMs", "2 servers", else "4 selected items". */
function selectionScope(selection: CommandSelection): string {
  const groups = summarizeSelection(selection.objects);
  return groups.length === 1 && selection.objects.length === selection.keys.length ? countOf(groups[0]!.count, groups[0]!.kind) : `${selection.keys.length} selected items`;
}

/** Back/Forward, Add Pool, New VM, then the lifecycle buttons for the selection (all of a multi-selection). */
export function Toolbar() {
  const selection = useCommandSelection();
  // Back and Forward read the history, which the command selection does not carry: re-render when it moves.
  useTreeUiStore((state) => `${state.historyIndex}/${state.history.length}`);
  const lifecycle = lifecycleSlots.flatMap((slot) => {
    const command = slot.map(commandById).find((candidate) => candidate.appliesTo(selection));
    return command ? [command] : [];
  });
  return (
    <div className="toolbar" role="toolbar" aria-label="Main toolbar">
      <CommandButton command={commandById('nav.back')} selection={selection} glyph="←" compact />
      <CommandButton command={commandById('nav.forward')} selection={selection} glyph="→" compact />
      <span className="toolbar-separator" aria-hidden="true" />
      <CommandButton command={commandById('pool.add')} selection={selection} glyph="+" text="Add Pool" />
      <CommandButton command={commandById('vm.new')} selection={selection} glyph="✚" text="New VM" />
      {lifecycle.length > 0 && <span className="toolbar-separator" aria-hidden="true" />}
      {lifecycle.map((command) => (
        <CommandButton key={command.id} command={command} selection={selection} glyph={command.label(selection) === 'Resume' ? resumeGlyph : glyphs[command.id]} />
      ))}
      {selection.keys.length > 1 && (
        <span className="toolbar-note" data-testid="toolbar-scope">
          {`On ${selectionScope(selection)}`}
        </span>
      )}
    </div>
  );
}
