import { useCommandSelection } from '../../commands/use-command-selection.js';
import { countOf, summarizeSelection } from './selection-summary.js';

/**
 * The details pane of a multi-selection (XenCenter shows what is selected rather than one object's tabs): how many
 * of each kind, in which states, and that the toolbar and menus act on all of them.
 */
export function SelectionSummaryView() {
  const selection = useCommandSelection();
  const groups = summarizeSelection(selection.objects);
  const groupRows = selection.keys.length - selection.objects.length;
  return (
    <div className="details-pane selection-summary">
      <header className="details-header">
        <h1 className="subject-title">{`${selection.keys.length} items selected`}</h1>
      </header>
      <ul className="selection-groups" aria-label="Selected objects">
        {groups.map((group) => (
          <li key={group.kind}>
            <strong>{countOf(group.count, group.kind)}</strong>
            {group.states.length > 0 && <span className="muted">{`: ${group.states.map((each) => `${each.count} ${each.state.toLowerCase()}`).join(', ')}`}</span>}
          </li>
        ))}
        {groupRows > 0 && <li className="muted">{`${groupRows} grouping row${groupRows === 1 ? '' : 's'}`}</li>}
      </ul>
      <p className="tab-note">The toolbar, the menus and the context menu act on all of them; a command that only some can take acts on those.</p>
    </div>
  );
}
