import { DialogHost } from '../features/dialogs/dialog-host.js';
import { ThemePicker } from '../features/theme/theme-picker.js';
import { ResourcePane } from '../features/tree/resource-pane.js';
import { TrustPrompt } from '../features/trust/trust-dialog.js';
import { useAppliedTheme } from '../features/theme/use-applied-theme.js';
import { StatusBar } from '../features/status/status-bar.js';
import { useAppStore } from '../store/app-store.js';
import { useDialogStore } from '../store/dialog-store.js';
import { DetailsPane } from './details-pane.js';

/** The main window's frame: title bar, resource pane, content pane, status bar. */
export function AppFrame() {
  useAppliedTheme();
  const lastError = useAppStore((state) => state.lastError);
  const version = useAppStore((state) => state.version);
  return (
    <div className="app-frame">
      <header className="title-bar">
        <span className="app-name">Xenith</span>
        <span className="title-hint">XCP-ng and XenServer pools</span>
        <span className="spacer" />
        <button type="button" className="toolbar-button" onClick={() => useDialogStore.getState().show({ kind: 'addPool' })}>
          <span aria-hidden="true">+ </span>Add Pool
        </button>
        <ThemePicker />
      </header>
      <main className="panes">
        <ResourcePane />
        <section className="content-pane" aria-label="Details">
          <DetailsPane
            fallback={
              <>
                <h1>Welcome to Xenith</h1>
                <p>
                  Manage your XCP-ng and XenServer pools from one app. {version ? `This is Xenith ${version.version}.` : 'Connecting to the server…'}
                </p>
              </>
            }
          />
          {lastError && (
            <p className="error" role="alert">
              {lastError.message} <code>{lastError.code}</code>
            </p>
          )}
        </section>
      </main>
      <StatusBar />
      <DialogHost />
      <TrustPrompt />
    </div>
  );
}
