import type { Theme } from '../../shared/api/settings-schema.js';
import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import type { Bridge } from '../bridge/bridge.js';
import { saveSettings } from '../app/save-settings.js';
import { useAlertsPopoverStore } from '../features/status/alerts-store.js';
import { clearFinishedTasks } from '../features/tasks/clear-finished.js';
import { useTreeUiStore } from '../features/tree/tree-ui-store.js';
import { useTreeViewStore } from '../features/tree/tree-view-store.js';
import { useAppStore } from '../store/app-store.js';
import { useDialogStore } from '../store/dialog-store.js';
import { reloadJobs } from '../store/jobs-sync.js';
import { usePoolsStore } from '../store/pools-store.js';
import type { Command, CommandContext } from './command.js';
import { reportFailure } from './report-failure.js';

/** A command that does not depend on the selection. */
function appCommand(id: CommandId, run: (context: CommandContext) => void | Promise<void>, isEnabled: () => boolean = () => true): Command {
  return {
    id,
    shortcut: commandText[id].accelerator,
    label: () => commandText[id].label,
    appliesTo: () => true,
    isEnabled,
    run,
  };
}

/**
 * F5: everything again from the server (pool list, jobs, and a fresh snapshot of the mirror), for a person who
 * doubts what they see. The mirror is live, so this is rarely needed.
 */
async function refreshFromServer(bridge: Bridge): Promise<void> {
  const [pools, objects] = await Promise.all([bridge.call('pool.list', {}), bridge.call('objects.subscribe', {}), reloadJobs(bridge, reportFailure)]);
  if (pools.ok) usePoolsStore.getState().replacePools(pools.output);
  else reportFailure(pools.error);
  if (!objects.ok) reportFailure(objects.error);
}

const themeCommand = (id: CommandId, theme: Theme) => appCommand(id, ({ bridge }) => saveSettings(bridge, { theme }));

/** View › Show Default Templates, as in XenCenter: lists the templates XAPI ships in every view (a toggle). */
const defaultTemplatesCommand: Command = {
  id: 'view.defaultTemplates',
  label: () => (useTreeViewStore.getState().showDefaultTemplates ? 'Hide Default Templates' : commandText['view.defaultTemplates'].label),
  appliesTo: () => true,
  isEnabled: () => true,
  run: () => {
    const view = useTreeViewStore.getState();
    view.setShowDefaultTemplates(!view.showDefaultTemplates);
  },
};

export const appCommands: readonly Command[] = [
  defaultTemplatesCommand,
  appCommand('nav.back', () => useTreeUiStore.getState().back(), () => useTreeUiStore.getState().historyIndex > 0),
  appCommand(
    'nav.forward',
    () => useTreeUiStore.getState().forward(),
    () => {
      const { historyIndex, history } = useTreeUiStore.getState();
      return historyIndex < history.length - 1;
    },
  ),
  appCommand('view.refresh', ({ bridge }) => refreshFromServer(bridge)),
  appCommand('view.taskPanel', ({ bridge }) => saveSettings(bridge, { taskPanelOpen: !useAppStore.getState().settings.taskPanelOpen })),
  appCommand('view.alerts', () => useAlertsPopoverStore.getState().setOpen(true)),
  themeCommand('view.theme.light', 'light'),
  themeCommand('view.theme.dark', 'dark'),
  themeCommand('view.theme.system', 'system'),
  appCommand('tasks.clearFinished', ({ bridge }) => clearFinishedTasks(bridge)),
  appCommand('tools.options', () => useDialogStore.getState().show({ kind: 'options' })),
  appCommand('help.about', () => useDialogStore.getState().show({ kind: 'about' })),
];
