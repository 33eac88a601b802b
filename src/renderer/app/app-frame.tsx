import { useEffect } from 'react';
import { DialogHost } from '../features/dialogs/dialog-host.js';
import { ContextMenu } from '../features/menu/context-menu.js';
import { MenuBar } from '../features/menu/menu-bar.js';
import { listenForNativeMenuCommands } from '../features/menu/native-menu.js';
import { useGlobalShortcuts } from '../features/shortcuts/use-global-shortcuts.js';
import { useAlertNotifications } from '../features/status/use-alert-notifications.js';
import { PoolOverview } from '../features/overview/pool-overview.js';
import { StatusBar } from '../features/status/status-bar.js';
import { TaskPanel } from '../features/tasks/task-panel.js';
import { useAppliedTheme } from '../features/theme/use-applied-theme.js';
import { Toolbar } from '../features/toolbar/toolbar.js';
import { ResourcePane } from '../features/tree/resource-pane.js';
import { WelcomePage } from '../features/welcome/welcome-page.js';
import { TrustPrompt } from '../features/trust/trust-dialog.js';
import { useBridge } from './bridge-context.js';
import { DetailsPane } from './details-pane.js';
import { ErrorBanner } from './error-banner.js';
import './app-frame.css';

/**
 * The main window as XenCenter users know it: menu bar (in the page in serve mode; Electron has the native menu
 * built from the same model), toolbar, resources on the left, the selection's tabs on the right, the task panel
 * and the status bar at the bottom.
 */
export function AppFrame() {
  useAppliedTheme();
  useGlobalShortcuts();
  useAlertNotifications();
  const bridge = useBridge();
  useEffect(() => listenForNativeMenuCommands(bridge), [bridge]);
  return (
    <div className="app-frame">
      {bridge.transport === 'websocket' && <MenuBar />}
      <Toolbar />
      <ErrorBanner />
      <main className="panes">
        <ResourcePane />
        <section className="content-pane" aria-label="Details">
          <DetailsPane
            fallback={
              <>
                <WelcomePage />
                <PoolOverview />
              </>
            }
          />
        </section>
      </main>
      <TaskPanel />
      <StatusBar />
      <DialogHost />
      <ContextMenu />
      <TrustPrompt />
    </div>
  );
}
