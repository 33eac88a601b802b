import { useState } from 'react';
import { AddPoolDialog } from '../features/pools/add-pool-dialog.js';
import { ThemePicker } from '../features/theme/theme-picker.js';
import { ResourceTree } from '../features/tree/resource-tree.js';
import { TrustPrompt } from '../features/trust/trust-dialog.js';
import { useAppliedTheme } from '../features/theme/use-applied-theme.js';
import { StatusBar } from '../features/status/status-bar.js';
import { useAppStore } from '../store/app-store.js';
import { DetailsPane } from './details-pane.js';

/** The main window's frame: title bar, resource pane, content pane, status bar. */
export function AppFrame() {
  useAppliedTheme();
  const lastError = useAppStore((state) => state.lastError);
  const version = useAppStore((state) => state.version);
  const [addingPool, setAddingPool] = useState(false);
  return (
    <div className="app-frame">
      <header className="title-bar">
        <span className="app-name">Xenith</span>
        <span className="title-hint">XCP-ng and XenServer pools</span>
        <span className="spacer" />
        <button type="button" className="toolbar-button" onClick={() => setAddingPool(true)}>
          <span aria-hidden="true">+ </span>Add Pool
        </button>
        <ThemePicker />
      </header>
      <main className="panes">
        <nav className="resource-pane" aria-label="Resources">
          <input className="tree-search" type="search" placeholder="Search…" aria-label="Search resources" disabled />
          <ResourceTree />
        </nav>
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
      {addingPool && <AddPoolDialog onClose={() => setAddingPool(false)} />}
      <TrustPrompt />
    </div>
  );
}
