import { ThemePicker } from '../features/theme/theme-picker.js';
import { useAppliedTheme } from '../features/theme/use-applied-theme.js';
import { StatusBar } from '../features/status/status-bar.js';
import { useAppStore } from '../store/app-store.js';

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
        <ThemePicker />
      </header>
      <main className="panes">
        <nav className="resource-pane" aria-label="Resources">
          <input className="tree-search" type="search" placeholder="Search…" aria-label="Search resources" disabled />
          <p className="empty-hint">No pools yet. Connected pools and their hosts and VMs appear here.</p>
        </nav>
        <section className="content-pane" aria-label="Details">
          <h1>Welcome to Xenith</h1>
          <p>
            Manage your XCP-ng and XenServer pools from one app. {version ? `This is Xenith ${version.version}.` : 'Connecting to the server…'}
          </p>
          {lastError && (
            <p className="error" role="alert">
              {lastError.message} <code>{lastError.code}</code>
            </p>
          )}
        </section>
      </main>
      <StatusBar />
    </div>
  );
}
