import { useAppStore } from '../store/app-store.js';

/** The last refused call (a command that could not start, a failed load), with its sentence and code. */
export function ErrorBanner() {
  const lastError = useAppStore((state) => state.lastError);
  const setError = useAppStore((state) => state.setError);
  if (!lastError) return null;
  return (
    <div className="error-banner" role="alert">
      <span className="error-banner-text">
        {lastError.message} <code>{lastError.code}</code>
      </span>
      <button type="button" className="toolbar-button" onClick={() => setError(null)}>
        Dismiss
      </button>
    </div>
  );
}
